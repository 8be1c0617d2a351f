id > :fromId AND id <= :toId
