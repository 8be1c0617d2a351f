-- An import ends failed (with the reason) or deleted; its contributions were removed in the same transaction.
UPDATE imports SET state = :state, error = :error, finished_at = now(), updated_at = now()
WHERE id = :id
