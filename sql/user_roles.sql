-- A user's roles; custodian only when granted with the recovery key (a
-- row in custodians, migration 0008).
SELECT r.role FROM user_roles r
 WHERE r.user_id = ?1
   AND (r.role <> 'custodian'
        OR EXISTS (SELECT 1 FROM custodians c WHERE c.user_id = r.user_id))
 ORDER BY r.role;
