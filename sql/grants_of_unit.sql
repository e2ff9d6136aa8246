SELECT g.kind, u.username FROM key_grants g JOIN users u ON u.id = g.user_id WHERE g.unit_id = ?1 ORDER BY u.username, g.kind;
