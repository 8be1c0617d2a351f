-- Announces the UTC days of a flush's events, in the flush's transaction after its COPY (see sql/V21).
-- Sorted input: concurrent writers lock the rows in the same order.
INSERT INTO unrolled_days (day, written_at)
SELECT day, statement_timestamp() FROM unnest(?::date[]) AS d (day) ORDER BY day
ON CONFLICT (day) DO UPDATE SET written_at = EXCLUDED.written_at
