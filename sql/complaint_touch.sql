UPDATE complaints SET last_activity_at = ?2, followed_up_at = CASE WHEN ?3 THEN COALESCE(followed_up_at, ?2) ELSE followed_up_at END WHERE id = ?1;
