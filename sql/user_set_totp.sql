UPDATE users SET totp_sealed = ?2, totp_last_step = 0 WHERE id = ?1;
