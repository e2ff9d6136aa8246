UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2;
