UPDATE complaints SET status = ?2, status_at = ?3, due_date = ?4, last_activity_at = ?3,
  section_id = COALESCE(?5, section_id) WHERE id = ?1;
