INSERT INTO wbs_identity_requests (report_id, requested_by, reason_ct, requested_at, decided_by, decided_at, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
