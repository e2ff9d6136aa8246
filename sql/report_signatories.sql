SELECT id, role, jabatan, name, pangkat, nip, valid_from, COALESCE(valid_to, '')
  FROM signatories WHERE unit_id = ?1 ORDER BY role, valid_from, id;
