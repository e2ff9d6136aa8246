INSERT INTO custodians (user_id, granted_at, granted_by) VALUES (?1, ?2, ?3)
ON CONFLICT (user_id) DO UPDATE SET granted_at = excluded.granted_at, granted_by = excluded.granted_by;
