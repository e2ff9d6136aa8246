SELECT e.rec_id, e.at, e.status, e.note, COALESCE(e.evidence_ref, '')
  FROM recommendation_events e JOIN recommendations r ON r.id = e.rec_id
 WHERE r.unit_id = ?1 AND (?2 IS NULL OR r.domain = ?2)
 ORDER BY e.rec_id, e.id;
