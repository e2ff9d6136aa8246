DELETE FROM key_grants WHERE unit_id = ?1 AND kind = ?2 AND user_id = ?3;
