SELECT id, doc, period, variant, format, sha256, model_sha256, file_name, params,
       narrative_versions, created_by, created_at, length(content), content
  FROM report_artifacts WHERE unit_id = ?1 AND id = ?2;
