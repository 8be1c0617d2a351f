INSERT INTO local_day_zones (zone) VALUES (:zone)
