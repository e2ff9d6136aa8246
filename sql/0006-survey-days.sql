-- 0006: per-day survey aggregates kept as responses commit (REPORTS.md
-- §7.4: "per-day aggregates kept as responses commit ... also makes the
-- public IKM page cheap").  One row per unit, form, local date, form
-- version and service: the number of respondents and, per answer position
-- aN, how many answered 1, 2, 3 and 4 (aN_1 .. aN_4).  The sum and count of
-- an item follow from those (answers are 1..4 by the CHECK on
-- survey_responses).  Triggers keep it in the transaction of every insert,
-- live or imported, and of a delete; the aggregated columns of a response
-- never change, so an UPDATE of them is refused.  A period's IKM reads a
-- few hundred rows here instead of a million responses.
CREATE TABLE survey_days (
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  form_id       TEXT NOT NULL,
  local_date    TEXT NOT NULL,
  form_version  INTEGER NOT NULL,
  service_id    INTEGER NOT NULL,
  respondents   INTEGER NOT NULL,
  a1_1 INTEGER NOT NULL DEFAULT 0, a1_2 INTEGER NOT NULL DEFAULT 0, a1_3 INTEGER NOT NULL DEFAULT 0, a1_4 INTEGER NOT NULL DEFAULT 0,
  a2_1 INTEGER NOT NULL DEFAULT 0, a2_2 INTEGER NOT NULL DEFAULT 0, a2_3 INTEGER NOT NULL DEFAULT 0, a2_4 INTEGER NOT NULL DEFAULT 0,
  a3_1 INTEGER NOT NULL DEFAULT 0, a3_2 INTEGER NOT NULL DEFAULT 0, a3_3 INTEGER NOT NULL DEFAULT 0, a3_4 INTEGER NOT NULL DEFAULT 0,
  a4_1 INTEGER NOT NULL DEFAULT 0, a4_2 INTEGER NOT NULL DEFAULT 0, a4_3 INTEGER NOT NULL DEFAULT 0, a4_4 INTEGER NOT NULL DEFAULT 0,
  a5_1 INTEGER NOT NULL DEFAULT 0, a5_2 INTEGER NOT NULL DEFAULT 0, a5_3 INTEGER NOT NULL DEFAULT 0, a5_4 INTEGER NOT NULL DEFAULT 0,
  a6_1 INTEGER NOT NULL DEFAULT 0, a6_2 INTEGER NOT NULL DEFAULT 0, a6_3 INTEGER NOT NULL DEFAULT 0, a6_4 INTEGER NOT NULL DEFAULT 0,
  a7_1 INTEGER NOT NULL DEFAULT 0, a7_2 INTEGER NOT NULL DEFAULT 0, a7_3 INTEGER NOT NULL DEFAULT 0, a7_4 INTEGER NOT NULL DEFAULT 0,
  a8_1 INTEGER NOT NULL DEFAULT 0, a8_2 INTEGER NOT NULL DEFAULT 0, a8_3 INTEGER NOT NULL DEFAULT 0, a8_4 INTEGER NOT NULL DEFAULT 0,
  a9_1 INTEGER NOT NULL DEFAULT 0, a9_2 INTEGER NOT NULL DEFAULT 0, a9_3 INTEGER NOT NULL DEFAULT 0, a9_4 INTEGER NOT NULL DEFAULT 0,
  a10_1 INTEGER NOT NULL DEFAULT 0, a10_2 INTEGER NOT NULL DEFAULT 0, a10_3 INTEGER NOT NULL DEFAULT 0, a10_4 INTEGER NOT NULL DEFAULT 0,
  a11_1 INTEGER NOT NULL DEFAULT 0, a11_2 INTEGER NOT NULL DEFAULT 0, a11_3 INTEGER NOT NULL DEFAULT 0, a11_4 INTEGER NOT NULL DEFAULT 0,
  a12_1 INTEGER NOT NULL DEFAULT 0, a12_2 INTEGER NOT NULL DEFAULT 0, a12_3 INTEGER NOT NULL DEFAULT 0, a12_4 INTEGER NOT NULL DEFAULT 0,
  a13_1 INTEGER NOT NULL DEFAULT 0, a13_2 INTEGER NOT NULL DEFAULT 0, a13_3 INTEGER NOT NULL DEFAULT 0, a13_4 INTEGER NOT NULL DEFAULT 0,
  a14_1 INTEGER NOT NULL DEFAULT 0, a14_2 INTEGER NOT NULL DEFAULT 0, a14_3 INTEGER NOT NULL DEFAULT 0, a14_4 INTEGER NOT NULL DEFAULT 0,
  a15_1 INTEGER NOT NULL DEFAULT 0, a15_2 INTEGER NOT NULL DEFAULT 0, a15_3 INTEGER NOT NULL DEFAULT 0, a15_4 INTEGER NOT NULL DEFAULT 0,
  a16_1 INTEGER NOT NULL DEFAULT 0, a16_2 INTEGER NOT NULL DEFAULT 0, a16_3 INTEGER NOT NULL DEFAULT 0, a16_4 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, form_id, local_date, form_version, service_id)
) WITHOUT ROWID;

INSERT INTO survey_days
SELECT unit_id, form_id, local_date, form_version, service_id, count(*),
     sum(a1 IS 1), sum(a1 IS 2), sum(a1 IS 3), sum(a1 IS 4),
     sum(a2 IS 1), sum(a2 IS 2), sum(a2 IS 3), sum(a2 IS 4),
     sum(a3 IS 1), sum(a3 IS 2), sum(a3 IS 3), sum(a3 IS 4),
     sum(a4 IS 1), sum(a4 IS 2), sum(a4 IS 3), sum(a4 IS 4),
     sum(a5 IS 1), sum(a5 IS 2), sum(a5 IS 3), sum(a5 IS 4),
     sum(a6 IS 1), sum(a6 IS 2), sum(a6 IS 3), sum(a6 IS 4),
     sum(a7 IS 1), sum(a7 IS 2), sum(a7 IS 3), sum(a7 IS 4),
     sum(a8 IS 1), sum(a8 IS 2), sum(a8 IS 3), sum(a8 IS 4),
     sum(a9 IS 1), sum(a9 IS 2), sum(a9 IS 3), sum(a9 IS 4),
     sum(a10 IS 1), sum(a10 IS 2), sum(a10 IS 3), sum(a10 IS 4),
     sum(a11 IS 1), sum(a11 IS 2), sum(a11 IS 3), sum(a11 IS 4),
     sum(a12 IS 1), sum(a12 IS 2), sum(a12 IS 3), sum(a12 IS 4),
     sum(a13 IS 1), sum(a13 IS 2), sum(a13 IS 3), sum(a13 IS 4),
     sum(a14 IS 1), sum(a14 IS 2), sum(a14 IS 3), sum(a14 IS 4),
     sum(a15 IS 1), sum(a15 IS 2), sum(a15 IS 3), sum(a15 IS 4),
     sum(a16 IS 1), sum(a16 IS 2), sum(a16 IS 3), sum(a16 IS 4)
  FROM survey_responses
 GROUP BY unit_id, form_id, local_date, form_version, service_id;

CREATE TRIGGER survey_days_insert AFTER INSERT ON survey_responses
BEGIN
  INSERT INTO survey_days VALUES
    (NEW.unit_id, NEW.form_id, NEW.local_date, NEW.form_version,
     NEW.service_id, 1,
     NEW.a1 IS 1, NEW.a1 IS 2, NEW.a1 IS 3, NEW.a1 IS 4,
     NEW.a2 IS 1, NEW.a2 IS 2, NEW.a2 IS 3, NEW.a2 IS 4,
     NEW.a3 IS 1, NEW.a3 IS 2, NEW.a3 IS 3, NEW.a3 IS 4,
     NEW.a4 IS 1, NEW.a4 IS 2, NEW.a4 IS 3, NEW.a4 IS 4,
     NEW.a5 IS 1, NEW.a5 IS 2, NEW.a5 IS 3, NEW.a5 IS 4,
     NEW.a6 IS 1, NEW.a6 IS 2, NEW.a6 IS 3, NEW.a6 IS 4,
     NEW.a7 IS 1, NEW.a7 IS 2, NEW.a7 IS 3, NEW.a7 IS 4,
     NEW.a8 IS 1, NEW.a8 IS 2, NEW.a8 IS 3, NEW.a8 IS 4,
     NEW.a9 IS 1, NEW.a9 IS 2, NEW.a9 IS 3, NEW.a9 IS 4,
     NEW.a10 IS 1, NEW.a10 IS 2, NEW.a10 IS 3, NEW.a10 IS 4,
     NEW.a11 IS 1, NEW.a11 IS 2, NEW.a11 IS 3, NEW.a11 IS 4,
     NEW.a12 IS 1, NEW.a12 IS 2, NEW.a12 IS 3, NEW.a12 IS 4,
     NEW.a13 IS 1, NEW.a13 IS 2, NEW.a13 IS 3, NEW.a13 IS 4,
     NEW.a14 IS 1, NEW.a14 IS 2, NEW.a14 IS 3, NEW.a14 IS 4,
     NEW.a15 IS 1, NEW.a15 IS 2, NEW.a15 IS 3, NEW.a15 IS 4,
     NEW.a16 IS 1, NEW.a16 IS 2, NEW.a16 IS 3, NEW.a16 IS 4)
  ON CONFLICT DO UPDATE SET
      respondents = respondents + 1,
      a1_1 = a1_1 + excluded.a1_1, a1_2 = a1_2 + excluded.a1_2, a1_3 = a1_3 + excluded.a1_3, a1_4 = a1_4 + excluded.a1_4,
      a2_1 = a2_1 + excluded.a2_1, a2_2 = a2_2 + excluded.a2_2, a2_3 = a2_3 + excluded.a2_3, a2_4 = a2_4 + excluded.a2_4,
      a3_1 = a3_1 + excluded.a3_1, a3_2 = a3_2 + excluded.a3_2, a3_3 = a3_3 + excluded.a3_3, a3_4 = a3_4 + excluded.a3_4,
      a4_1 = a4_1 + excluded.a4_1, a4_2 = a4_2 + excluded.a4_2, a4_3 = a4_3 + excluded.a4_3, a4_4 = a4_4 + excluded.a4_4,
      a5_1 = a5_1 + excluded.a5_1, a5_2 = a5_2 + excluded.a5_2, a5_3 = a5_3 + excluded.a5_3, a5_4 = a5_4 + excluded.a5_4,
      a6_1 = a6_1 + excluded.a6_1, a6_2 = a6_2 + excluded.a6_2, a6_3 = a6_3 + excluded.a6_3, a6_4 = a6_4 + excluded.a6_4,
      a7_1 = a7_1 + excluded.a7_1, a7_2 = a7_2 + excluded.a7_2, a7_3 = a7_3 + excluded.a7_3, a7_4 = a7_4 + excluded.a7_4,
      a8_1 = a8_1 + excluded.a8_1, a8_2 = a8_2 + excluded.a8_2, a8_3 = a8_3 + excluded.a8_3, a8_4 = a8_4 + excluded.a8_4,
      a9_1 = a9_1 + excluded.a9_1, a9_2 = a9_2 + excluded.a9_2, a9_3 = a9_3 + excluded.a9_3, a9_4 = a9_4 + excluded.a9_4,
      a10_1 = a10_1 + excluded.a10_1, a10_2 = a10_2 + excluded.a10_2, a10_3 = a10_3 + excluded.a10_3, a10_4 = a10_4 + excluded.a10_4,
      a11_1 = a11_1 + excluded.a11_1, a11_2 = a11_2 + excluded.a11_2, a11_3 = a11_3 + excluded.a11_3, a11_4 = a11_4 + excluded.a11_4,
      a12_1 = a12_1 + excluded.a12_1, a12_2 = a12_2 + excluded.a12_2, a12_3 = a12_3 + excluded.a12_3, a12_4 = a12_4 + excluded.a12_4,
      a13_1 = a13_1 + excluded.a13_1, a13_2 = a13_2 + excluded.a13_2, a13_3 = a13_3 + excluded.a13_3, a13_4 = a13_4 + excluded.a13_4,
      a14_1 = a14_1 + excluded.a14_1, a14_2 = a14_2 + excluded.a14_2, a14_3 = a14_3 + excluded.a14_3, a14_4 = a14_4 + excluded.a14_4,
      a15_1 = a15_1 + excluded.a15_1, a15_2 = a15_2 + excluded.a15_2, a15_3 = a15_3 + excluded.a15_3, a15_4 = a15_4 + excluded.a15_4,
      a16_1 = a16_1 + excluded.a16_1, a16_2 = a16_2 + excluded.a16_2, a16_3 = a16_3 + excluded.a16_3, a16_4 = a16_4 + excluded.a16_4;
END;

CREATE TRIGGER survey_days_delete AFTER DELETE ON survey_responses
BEGIN
  UPDATE survey_days SET
      respondents = respondents - 1,
      a1_1 = a1_1 - (OLD.a1 IS 1), a1_2 = a1_2 - (OLD.a1 IS 2), a1_3 = a1_3 - (OLD.a1 IS 3), a1_4 = a1_4 - (OLD.a1 IS 4),
      a2_1 = a2_1 - (OLD.a2 IS 1), a2_2 = a2_2 - (OLD.a2 IS 2), a2_3 = a2_3 - (OLD.a2 IS 3), a2_4 = a2_4 - (OLD.a2 IS 4),
      a3_1 = a3_1 - (OLD.a3 IS 1), a3_2 = a3_2 - (OLD.a3 IS 2), a3_3 = a3_3 - (OLD.a3 IS 3), a3_4 = a3_4 - (OLD.a3 IS 4),
      a4_1 = a4_1 - (OLD.a4 IS 1), a4_2 = a4_2 - (OLD.a4 IS 2), a4_3 = a4_3 - (OLD.a4 IS 3), a4_4 = a4_4 - (OLD.a4 IS 4),
      a5_1 = a5_1 - (OLD.a5 IS 1), a5_2 = a5_2 - (OLD.a5 IS 2), a5_3 = a5_3 - (OLD.a5 IS 3), a5_4 = a5_4 - (OLD.a5 IS 4),
      a6_1 = a6_1 - (OLD.a6 IS 1), a6_2 = a6_2 - (OLD.a6 IS 2), a6_3 = a6_3 - (OLD.a6 IS 3), a6_4 = a6_4 - (OLD.a6 IS 4),
      a7_1 = a7_1 - (OLD.a7 IS 1), a7_2 = a7_2 - (OLD.a7 IS 2), a7_3 = a7_3 - (OLD.a7 IS 3), a7_4 = a7_4 - (OLD.a7 IS 4),
      a8_1 = a8_1 - (OLD.a8 IS 1), a8_2 = a8_2 - (OLD.a8 IS 2), a8_3 = a8_3 - (OLD.a8 IS 3), a8_4 = a8_4 - (OLD.a8 IS 4),
      a9_1 = a9_1 - (OLD.a9 IS 1), a9_2 = a9_2 - (OLD.a9 IS 2), a9_3 = a9_3 - (OLD.a9 IS 3), a9_4 = a9_4 - (OLD.a9 IS 4),
      a10_1 = a10_1 - (OLD.a10 IS 1), a10_2 = a10_2 - (OLD.a10 IS 2), a10_3 = a10_3 - (OLD.a10 IS 3), a10_4 = a10_4 - (OLD.a10 IS 4),
      a11_1 = a11_1 - (OLD.a11 IS 1), a11_2 = a11_2 - (OLD.a11 IS 2), a11_3 = a11_3 - (OLD.a11 IS 3), a11_4 = a11_4 - (OLD.a11 IS 4),
      a12_1 = a12_1 - (OLD.a12 IS 1), a12_2 = a12_2 - (OLD.a12 IS 2), a12_3 = a12_3 - (OLD.a12 IS 3), a12_4 = a12_4 - (OLD.a12 IS 4),
      a13_1 = a13_1 - (OLD.a13 IS 1), a13_2 = a13_2 - (OLD.a13 IS 2), a13_3 = a13_3 - (OLD.a13 IS 3), a13_4 = a13_4 - (OLD.a13 IS 4),
      a14_1 = a14_1 - (OLD.a14 IS 1), a14_2 = a14_2 - (OLD.a14 IS 2), a14_3 = a14_3 - (OLD.a14 IS 3), a14_4 = a14_4 - (OLD.a14 IS 4),
      a15_1 = a15_1 - (OLD.a15 IS 1), a15_2 = a15_2 - (OLD.a15 IS 2), a15_3 = a15_3 - (OLD.a15 IS 3), a15_4 = a15_4 - (OLD.a15 IS 4),
      a16_1 = a16_1 - (OLD.a16 IS 1), a16_2 = a16_2 - (OLD.a16 IS 2), a16_3 = a16_3 - (OLD.a16 IS 3), a16_4 = a16_4 - (OLD.a16 IS 4)
   WHERE unit_id = OLD.unit_id AND form_id = OLD.form_id
     AND local_date = OLD.local_date AND form_version = OLD.form_version
     AND service_id = OLD.service_id;
END;

CREATE TRIGGER survey_days_update BEFORE UPDATE OF
  unit_id, form_id, local_date, form_version, service_id, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16
  ON survey_responses
BEGIN
  SELECT RAISE(ABORT, 'survey answers are immutable');
END;
