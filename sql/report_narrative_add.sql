INSERT INTO report_narratives (unit_id, doc, period, slot, version, text, author, at)
VALUES (?1, ?2, ?3, ?4,
        (SELECT COALESCE(max(version), 0) + 1 FROM report_narratives
          WHERE unit_id = ?1 AND doc = ?2 AND period = ?3 AND slot = ?4),
        ?5, ?6, ?7)
RETURNING version;
