SELECT id, requested_by, reason_ct, requested_at, decided_by, decided_at, status FROM wbs_identity_requests WHERE report_id = ?1 ORDER BY id;
