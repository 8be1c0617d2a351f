-- The zones whose local days are kept (V25).
SELECT zone FROM local_day_zones ORDER BY zone
