SELECT r.requested_by, r.status, w.lookup FROM wbs_identity_requests r JOIN wbs_reports w ON w.id = r.report_id WHERE r.id = ?1 AND w.unit_id = ?2;
