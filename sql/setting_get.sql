SELECT value FROM unit_settings WHERE unit_id = ?1 AND key = ?2;
