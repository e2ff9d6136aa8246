INSERT INTO report_artifacts (unit_id, doc, period, variant, format, params,
  narrative_versions, sha256, model_sha256, file_name, content, created_by, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);
