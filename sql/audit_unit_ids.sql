-- Every chain of units: 0 (entries of no unit) and each unit.
SELECT 0 UNION ALL SELECT id FROM units ORDER BY 1;
