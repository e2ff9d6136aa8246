SELECT 1 FROM schema_version WHERE version = ?1;
