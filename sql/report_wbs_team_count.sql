-- The WBS team at an instant: users of unit ?1 holding role ?2
-- (pengelola_wbs) created at or before ?3 and not disabled (disabling is
-- kept as a current value only).
SELECT count(*)
  FROM users u
  JOIN user_roles r ON r.user_id = u.id
 WHERE u.unit_id = ?1 AND r.role = ?2 AND u.created_at <= ?3
   AND u.disabled = 0;
