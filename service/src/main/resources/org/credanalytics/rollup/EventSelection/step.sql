id > :fromId AND id <= :toId AND import_id = 0
