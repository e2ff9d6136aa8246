INSERT INTO signatories (unit_id, role, jabatan, name, pangkat, nip, valid_from, valid_to, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
