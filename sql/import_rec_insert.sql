INSERT INTO recommendations (unit_id, domain, source_doc, source_period, source_date,
  unsur, finding, text, pic_jabatan, pic_name, target_date, indicator,
  created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14);
