SELECT id, code, name FROM complaint_categories WHERE unit_id = ?1 AND active = 1 ORDER BY position, id;
