-- Every local day of a zone no longer configured.
DELETE FROM local_daily_event_counts WHERE zone = :zone
