-- National holidays from forms/holidays.json: added, never overwritten (a
-- unit's corrections stay).
INSERT INTO holidays (unit_id, day, name, kind) VALUES (0, ?1, ?2, ?3)
ON CONFLICT (unit_id, day) DO NOTHING;
