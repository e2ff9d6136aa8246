UPDATE complaints SET reporter_verdict = ?2, last_activity_at = ?3 WHERE id = ?1;
