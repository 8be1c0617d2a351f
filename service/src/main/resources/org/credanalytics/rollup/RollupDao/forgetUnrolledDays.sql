-- Days announced more than 10 minutes before a horizon the job has caught up with: every event
-- relying on those announcements has an id below the horizon (writers re-announce every 5 minutes),
-- so it is in the rollups (see sql/V21).
DELETE FROM unrolled_days WHERE written_at < CAST(:read_at AS timestamptz) - INTERVAL '10 minutes'
