-- Imported tracking numbers: live numbering continues after the highest.
INSERT INTO complaint_sequences (unit_id, year, last) VALUES (?1, ?2, ?3)
ON CONFLICT (unit_id, year) DO UPDATE SET last = max(last, excluded.last);
