-- Citus: starts a background rebalance job; NULL when there is nothing to move.
SELECT citus_rebalance_start()
