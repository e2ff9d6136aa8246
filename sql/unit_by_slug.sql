SELECT id, slug, name, utc_offset_min FROM units WHERE slug = ?1;
