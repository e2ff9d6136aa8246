UPDATE complaints SET unsur = ?2 WHERE id = ?1;
