SELECT public_key, recovery_wrapped FROM unit_keys WHERE unit_id = ?1 AND kind = ?2;
