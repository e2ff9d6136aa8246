-- Audit entries of a unit, newest first, optionally filtered by actor,
-- action and a time range, paged by id (?7 = show entries below this id).
SELECT id, at, actor, action, object, detail
  FROM audit_log
 WHERE unit_id = ?1
   AND (?2 IS NULL OR actor = ?2)
   AND (?3 IS NULL OR action = ?3)
   AND (?4 IS NULL OR at >= ?4)
   AND (?5 IS NULL OR at < ?5)
   AND id < ?7
 ORDER BY id DESC
 LIMIT ?6;
