-- Caps the distinct <column> values of an institution per UTC day at :cap. Staged values that its
-- day does not hold yet become 'other' once the day's room is used up: the most frequent values
-- (then by name) take the room first. Returns the issued credentials of each folded staged row.
-- Every table is co-located by institution_id, so on Citus the statement runs on the shards.
UPDATE rollup_staged_<dimension> AS s SET <column> = 'other'
FROM (
    SELECT c.institution_id, c.day, c.value
    FROM (
        SELECT staged.institution_id, staged.day, staged.value,
               row_number() OVER (PARTITION BY staged.institution_id, staged.day
                                  ORDER BY staged.issued DESC, staged.value) AS rank
        FROM (SELECT institution_id, analytics_day(quarter_hour) AS day, <column> AS value,
                     sum(credentials_issued) AS issued
              FROM rollup_staged_<dimension>
              WHERE <column> <> 'other'
              GROUP BY institution_id, analytics_day(quarter_hour), <column>) AS staged
        WHERE NOT EXISTS (SELECT 1 FROM daily_<dimension> AS held
                          WHERE held.institution_id = staged.institution_id AND held.day = staged.day
                            AND held.<column> = staged.value)
    ) AS c
    LEFT JOIN (
        SELECT d.institution_id, d.day, count(DISTINCT d.<column>) AS n -- a value may have live and imported rows
        FROM daily_<dimension> AS d
        JOIN (SELECT DISTINCT institution_id, analytics_day(quarter_hour) AS day
              FROM rollup_staged_<dimension>) AS staged_days
          ON staged_days.institution_id = d.institution_id AND staged_days.day = d.day
        WHERE d.<column> <> 'other'
        GROUP BY d.institution_id, d.day
    ) AS held_per_day ON held_per_day.institution_id = c.institution_id AND held_per_day.day = c.day
    WHERE c.rank + coalesce(held_per_day.n, 0) > :cap
) AS beyond
WHERE s.institution_id = beyond.institution_id AND analytics_day(s.quarter_hour) = beyond.day
  AND s.<column> = beyond.value
RETURNING s.credentials_issued
