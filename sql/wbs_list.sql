SELECT lookup, status, received_at, due_date, has_identity FROM wbs_reports WHERE unit_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY id DESC LIMIT 500;
