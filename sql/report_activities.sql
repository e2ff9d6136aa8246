SELECT id, kind, day, title, place, COALESCE(participants, -1), evidence_ref
  FROM unit_activities
 WHERE unit_id = ?1 AND (?2 IS NULL OR kind = ?2) AND day BETWEEN ?3 AND ?4
 ORDER BY day, id;
