-- Where the newest partition retention dropped ended: raw events are complete from there on.
SELECT max(ends) FROM expired_raw_partitions HAVING count(*) > 0
