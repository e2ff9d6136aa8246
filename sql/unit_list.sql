SELECT id, slug, name, utc_offset_min FROM units ORDER BY name;
