UPDATE wbs_reports SET source = 'import', last_activity_at = ?2 WHERE id = ?1;
