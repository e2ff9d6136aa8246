-- The officers' queue: no identity, filtered by status, category code,
-- channel and "overdue on ?5" (due before that local date and not closed),
-- oldest deadline first.
SELECT c.tracking, k.code, k.name, c.class, c.channel, c.privacy,
       c.received_at, c.status, c.due_date, c.unsur,
       substr(c.description, 1, 160)
  FROM complaints c
  JOIN complaint_categories k ON k.id = c.category_id
 WHERE c.unit_id = ?1
   AND (?2 IS NULL OR c.status = ?2)
   AND (?3 IS NULL OR k.code = ?3)
   AND (?4 IS NULL OR c.channel = ?4)
   AND (?5 IS NULL OR (c.due_date < ?5
        AND c.status NOT IN ('SELESAI', 'BUKAN_WEWENANG', 'DIARSIPKAN')))
 ORDER BY c.due_date IS NULL, c.due_date, c.id
 LIMIT 500;
