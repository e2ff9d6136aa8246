SELECT q.id, r.lookup, q.requested_by, q.requested_at FROM wbs_identity_requests q JOIN wbs_reports r ON r.id = q.report_id WHERE r.unit_id = ?1 AND q.status = 'MENUNGGU' ORDER BY q.id;
