DELETE FROM custodians WHERE user_id = ?1;
