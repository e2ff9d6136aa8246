DELETE FROM key_grants WHERE user_id = ?1;
