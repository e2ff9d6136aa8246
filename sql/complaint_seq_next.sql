INSERT INTO complaint_sequences (unit_id, year, last) VALUES (?1, ?2, 1)
ON CONFLICT (unit_id, year) DO UPDATE SET last = last + 1
RETURNING last;
