/* IKM arithmetic (DOMAIN.md §2): the worked example, grade boundaries,
   Krejcie-Morgan, periods. */
#include "ikm.h"
#include <criterion/criterion.h>
#include <string.h>

static const struct ikm_grade grades[] = {
  { 8831, "A", "Sangat Baik" },
  { 7661, "B", "Baik" },
  { 6500, "C", "Kurang Baik" },
  { 2500, "D", "Tidak Baik" },
};

Test (ikm, worked_example_uses_one_ninth)
{
  /* 29 respondents, column sums from DOMAIN.md: 91.48 with 1/9 (90.56 with
     the regulation's printed 0.11 would be wrong). */
  static const int sums[9] = { 105, 101, 100, 116, 102, 105, 106, 105, 115 };
  static const char *codes[9] = { "U1", "U2", "U3", "U4", "U5", "U6", "U7",
                                  "U8", "U9" };
  struct ikm_item items[9];
  struct ikm_result r;
  for (int i = 0; i < 9; i++)
    items[i] = (struct ikm_item) { .code = codes[i], .sum = sums[i],
                                   .count = 29 };
  ikm_compute (items, 9, grades, 4, &r);
  cr_assert (r.valid);
  cr_assert_eq (r.ikm25_hundredths, 9148, "got %d", r.ikm25_hundredths);
  cr_assert_float_eq (items[0].nrr, 105.0 / 29.0, 1e-12);
  cr_assert_float_eq (r.ikm, 955.0 / 261.0, 1e-12);
  cr_assert_str_eq (r.grade->mutu, "A");
  /* The same sums with weight 0.11 give 90.56: make sure we are not that. */
  double wrong = 0;
  for (int i = 0; i < 9; i++)
    wrong += items[i].nrr * 0.11;
  cr_assert_eq (ikm_round2 (wrong * 25), 9056);
  cr_assert_neq (r.ikm25_hundredths, ikm_round2 (wrong * 25));
}

Test (ikm, grade_boundaries)
{
  struct { int h; const char *mutu; } cases[] = {
    { 10000, "A" }, { 8831, "A" }, { 8830, "B" }, { 7661, "B" },
    { 7660, "C" }, { 6500, "C" }, { 6499, "D" }, { 2500, "D" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
  {
    const struct ikm_grade *g = ikm_grade_of (cases[i].h, grades, 4);
    cr_assert_not_null (g);
    cr_assert_str_eq (g->mutu, cases[i].mutu, "%d", cases[i].h);
  }
  cr_assert_null (ikm_grade_of (2499, grades, 4));
}

Test (ikm, grade_uses_value_rounded_to_two_decimals)
{
  /* 88.305 rounds to 88.31 (A); 88.3049 to 88.30 (B). */
  cr_assert_eq (ikm_round2 (88.305), 8831);
  cr_assert_eq (ikm_round2 (88.3049), 8830);
  cr_assert_eq (ikm_round2 (76.605), 7661);
  cr_assert_eq (ikm_round2 (64.995), 6500);
  cr_assert_eq (ikm_round2 (64.994), 6499);
  /* NRR 3.5324 x 25 = 88.31 */
  cr_assert_str_eq (ikm_grade_of (ikm_round2 (3.5324 * 25), grades, 4)->mutu,
                    "A");
}

Test (ikm, all_answers_four_and_one)
{
  struct ikm_item items[9];
  struct ikm_result r;
  for (int i = 0; i < 9; i++)
    items[i] = (struct ikm_item) { .code = "U", .sum = 40, .count = 10 };
  ikm_compute (items, 9, grades, 4, &r);
  cr_assert_eq (r.ikm25_hundredths, 10000);
  for (int i = 0; i < 9; i++)
    items[i] = (struct ikm_item) { .code = "U", .sum = 10, .count = 10 };
  ikm_compute (items, 9, grades, 4, &r);
  cr_assert_eq (r.ikm25_hundredths, 2500);
  cr_assert_str_eq (r.grade->mutu, "D");
}

Test (ikm, missing_item_is_not_valid)
{
  struct ikm_item items[2] = { { .code = "U1", .sum = 4, .count = 1 },
                               { .code = "U2", .sum = 0, .count = 0 } };
  struct ikm_result r;
  ikm_compute (items, 2, grades, 4, &r);
  cr_assert_not (r.valid);
  cr_assert_null (r.grade);
}

Test (ikm, krejcie_morgan_table)
{
  struct { long long n, s; } t[] = {
    { 10, 10 }, { 100, 80 }, { 200, 132 }, { 500, 217 }, { 1000, 278 },
    { 2000, 322 }, { 5000, 357 }, { 10000, 370 }, { 100000, 384 },
    { 1000000, 384 },
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    cr_assert_eq (ikm_min_sample (t[i].n), t[i].s, "N=%lld: %lld", t[i].n,
                  (long long) ikm_min_sample (t[i].n));
}

Test (period, parse)
{
  struct period p;
  cr_assert (period_parse ("2025", &p));
  cr_assert_str_eq (p.from, "2025-01-01");
  cr_assert_str_eq (p.to, "2025-12-31");
  cr_assert (period_parse ("2025-S1", &p));
  cr_assert_str_eq (p.to, "2025-06-30");
  cr_assert (period_parse ("2025-S2", &p));
  cr_assert_str_eq (p.from, "2025-07-01");
  cr_assert (period_parse ("2024-Q1", &p));
  cr_assert_str_eq (p.to, "2024-03-31");
  cr_assert (period_parse ("2025-Q4", &p));
  cr_assert_str_eq (p.from, "2025-10-01");
  cr_assert_str_eq (p.to, "2025-12-31");
  cr_assert_str_eq (p.key, "2025-Q4");
  const char *bad[] = { "", "25", "2025-", "2025-S3", "2025-Q5", "2025-Q0",
                        "2025-s1", "2025-Q1x", "1999", "abcd", "2025 ",
                        "2025-H1" };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_assert_not (period_parse (bad[i], &p), "%s", bad[i]);
  cr_assert_not (period_parse (NULL, &p));
}

Test (period, local_date_uses_unit_zone)
{
  char d[11];
  /* 2025-06-30T17:30:00Z is 1 July 00:30 WIB (+07) but still 30 June UTC. */
  long long t = 1751304600;
  ikm_local_date (t, 0, d);
  cr_assert_str_eq (d, "2025-06-30");
  ikm_local_date (t, 7 * 60, d);
  cr_assert_str_eq (d, "2025-07-01");
  struct period q;
  period_quarter_of (t, 7 * 60, &q);
  cr_assert_str_eq (q.key, "2025-Q3");
}
