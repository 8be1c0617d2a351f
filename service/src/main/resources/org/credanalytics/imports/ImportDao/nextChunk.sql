SELECT nextval('import_chunks')
