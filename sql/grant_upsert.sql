INSERT INTO key_grants (unit_id, kind, user_id, sealed, granted_by, granted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (unit_id, kind, user_id) DO UPDATE SET sealed = excluded.sealed, granted_by = excluded.granted_by, granted_at = excluded.granted_at;
