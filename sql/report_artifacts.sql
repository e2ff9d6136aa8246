SELECT id, doc, period, variant, format, sha256, model_sha256, file_name, params,
       narrative_versions, created_by, created_at, length(content)
  FROM report_artifacts WHERE unit_id = ?1 AND (?2 IS NULL OR period = ?2)
 ORDER BY id DESC;
