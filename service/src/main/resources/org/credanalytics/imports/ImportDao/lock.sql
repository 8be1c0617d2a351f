-- The import's state, its row locked until the transaction ends: parts, deletes and failures of one
-- import take their turns.
SELECT state FROM imports WHERE id = :id FOR UPDATE
