-- The same team's user names, for a unit that chose to print them
-- (setting wbs_report_names=yes; the terbatas variant only).
SELECT u.username
  FROM users u
  JOIN user_roles r ON r.user_id = u.id
 WHERE u.unit_id = ?1 AND r.role = ?2 AND u.created_at <= ?3
   AND u.disabled = 0
 ORDER BY u.username;
