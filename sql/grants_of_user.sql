SELECT kind, sealed FROM key_grants WHERE user_id = ?1 AND unit_id = ?2;
