SELECT log_id FROM audit_meta WHERE one = 1;
