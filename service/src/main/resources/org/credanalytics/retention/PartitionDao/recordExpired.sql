INSERT INTO expired_raw_partitions (partition, ends) VALUES (:partition, :ends)
ON CONFLICT (partition) DO NOTHING
