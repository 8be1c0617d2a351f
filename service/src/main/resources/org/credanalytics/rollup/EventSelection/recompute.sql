institution_id = :institutionId AND issued_at >= :from AND issued_at < :to AND id <= :toId AND import_id = 0
