-- A new import, running until its first part is applied. institution_id null: any institution's events.
INSERT INTO imports (institution_id, created_by) VALUES (:institution_id, :created_by)
RETURNING id
