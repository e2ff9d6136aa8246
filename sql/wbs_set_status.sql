UPDATE wbs_reports SET status = ?2, status_at = ?3, due_date = ?4 WHERE id = ?1;
