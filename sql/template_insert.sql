INSERT INTO response_templates (unit_id, title, body) VALUES (?1, ?2, ?3);
