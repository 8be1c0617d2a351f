-- A zone no longer configured (after forgetLocalDays.sql): its days would go stale.
DELETE FROM local_day_zones WHERE zone = :zone
