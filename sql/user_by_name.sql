SELECT u.id, u.unit_id, u.username, u.pw_hash, u.disabled, u.public_key, u.key_salt, u.key_wrapped, u.totp_sealed, u.totp_last_step
  FROM users u JOIN units n ON n.id = u.unit_id
 WHERE n.slug = ?1 AND u.username = ?2;
