INSERT INTO unit_profiles (unit_id, kop, logo, place, lke_version, channels, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (unit_id) DO UPDATE SET kop = ?2,
  logo = CASE WHEN ?8 THEN NULL ELSE COALESCE(?3, logo) END,
  place = ?4, lke_version = ?5, channels = ?6, updated_at = ?7;
