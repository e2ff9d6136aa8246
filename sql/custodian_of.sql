-- The custodian named ?2 in unit ?1, active, with the name of the account
-- that granted the role ('' for the recovery key): no row, no custodian.
SELECT COALESCE(g.username, '') FROM custodians c
  JOIN users u ON u.id = c.user_id
  JOIN user_roles r ON r.user_id = u.id AND r.role = 'custodian'
  LEFT JOIN users g ON g.id = c.granted_by
 WHERE u.unit_id = ?1 AND u.username = ?2 AND u.disabled = 0;
