-- One table's rows of an import (<table>: a rollup, the raw events or the keys).
DELETE FROM <table> WHERE import_id = :import_id
