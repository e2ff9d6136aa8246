SELECT id, username, disabled, created_at, totp_sealed IS NOT NULL FROM users WHERE unit_id = ?1 ORDER BY username;
