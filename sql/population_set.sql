INSERT INTO unit_populations (unit_id, period, population) VALUES (?1, ?2, ?3)
ON CONFLICT (unit_id, period) DO UPDATE SET population = excluded.population;
