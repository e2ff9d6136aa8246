SELECT definition FROM form_versions WHERE form_id = ?1 AND version = ?2;
