-- Running imports nobody has touched for :stale_seconds: their process stopped with parts unapplied.
SELECT id FROM imports
WHERE state = 'running' AND updated_at < now() - make_interval(secs => :stale_seconds)
ORDER BY id
