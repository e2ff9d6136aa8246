INSERT INTO holidays (unit_id, day, name, kind) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (unit_id, day) DO UPDATE SET name = excluded.name, kind = excluded.kind;
