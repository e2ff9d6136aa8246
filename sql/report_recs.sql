SELECT id, domain, source_doc, source_period, source_date, COALESCE(unsur, ''),
       finding, text, pic_jabatan, target_date, indicator
  FROM recommendations WHERE unit_id = ?1 AND (?2 IS NULL OR domain = ?2)
 ORDER BY source_date, id;
