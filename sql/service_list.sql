SELECT id, code, name FROM services WHERE unit_id = ?1 AND active = 1 ORDER BY position, id;
