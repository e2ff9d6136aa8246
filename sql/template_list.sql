SELECT id, title, body FROM response_templates WHERE unit_id = ?1 ORDER BY title;
