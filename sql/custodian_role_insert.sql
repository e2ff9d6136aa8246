INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?1, 'custodian');
