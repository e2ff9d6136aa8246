-- The newest version of each slot written at or before ?4.
SELECT n.slot, n.version, n.text, n.at FROM report_narratives n
 WHERE n.unit_id = ?1 AND n.doc = ?2 AND n.period = ?3 AND n.at <= ?4
   AND n.version = (SELECT max(m.version) FROM report_narratives m
                     WHERE m.unit_id = n.unit_id AND m.doc = n.doc
                       AND m.period = n.period AND m.slot = n.slot
                       AND m.at <= ?4)
 ORDER BY n.slot;
