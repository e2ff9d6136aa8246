UPDATE users SET pw_hash = ?2, public_key = ?3, key_salt = ?4, key_wrapped = ?5, password_changed_at = ?6 WHERE id = ?1;
