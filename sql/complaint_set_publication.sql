UPDATE complaints SET public_response = ?2, published_by = ?3, published_at = ?4 WHERE id = ?1;
