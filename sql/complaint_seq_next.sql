-- No RETURNING: SQLite buffers RETURNING rows in an ephemeral table, which
-- costs a temporary b-tree (open, allocate, free) on every complaint; the
-- number is read back with complaint_seq_get in the same transaction.
INSERT INTO complaint_sequences (unit_id, year, last) VALUES (?1, ?2, 1)
ON CONFLICT (unit_id, year) DO UPDATE SET last = last + 1;
