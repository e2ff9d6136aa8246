UPDATE wbs_identity_requests SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1 AND status = 'MENUNGGU';
