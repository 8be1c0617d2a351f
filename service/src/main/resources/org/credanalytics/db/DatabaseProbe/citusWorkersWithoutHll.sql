-- On a Citus coordinator: the workers that lack the hll extension (CREATE EXTENSION on the
-- coordinator creates it on every worker).
SELECT nodename || ':' || nodeport
FROM run_command_on_workers($$SELECT count(*) FROM pg_available_extensions WHERE name = 'hll'$$)
WHERE result <> '1'
