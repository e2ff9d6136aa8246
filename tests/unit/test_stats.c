/* REPORTS.md §2.7 suppression vectors, durations, rounding (fmt.h). */
#include "fmt.h"
#include "stats.h"
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

/* Apply §2.7 to CELLS and compare the printed cells and total with WANT
   ("-" for a withheld breakdown). */
static void
supp_case (const int64_t *cells, size_t n, const char *const *want,
           const char *want_total, bool withheld)
{
  enum supp out[16];
  struct supp_result res;
  char buf[16];
  int64_t total = 0;
  supp_apply (cells, n, out, &res);
  for (size_t i = 0; i < n; i++)
    total += cells[i];
  cr_assert_eq (res.withheld, withheld, "withheld for total %lld",
                (long long) total);
  cr_assert_str_eq (supp_text (res.total, total, buf, sizeof buf),
                    want_total);
  for (size_t i = 0; ! withheld && i < n; i++)
    cr_assert_str_eq (supp_text (out[i], cells[i], buf, sizeof buf), want[i],
                      "cell %zu of total %lld", i, (long long) total);
}

Test (stats, suppression_vectors)
{
  /* T = 0: zeros, nihil. */
  { int64_t c[] = { 0, 0, 0 };
    const char *w[] = { "0", "0", "0" };
    supp_case (c, 3, w, "0", false); }
  /* 1 <= T <= 4: "< 5" and nothing else. */
  { int64_t c[] = { 1, 2, 0 };
    supp_case (c, 3, NULL, "< 5", true); }
  { int64_t c[] = { 4 };
    supp_case (c, 1, NULL, "< 5", true); }
  /* The review's case: 7 = 5 + 2 -> the 5 must be hidden too. */
  { int64_t c[] = { 5, 2 };
    const char *w[] = { "*", "< 5" };
    supp_case (c, 2, w, "7", false); }
  /* Two primaries 2 + 3 (sum 5, neither all 1 nor all 4): safe. */
  { int64_t c[] = { 10, 2, 3 };
    const char *w[] = { "10", "< 5", "< 5" };
    supp_case (c, 3, w, "15", false); }
  /* Two primaries that must both be 1: hide the smallest other, first on
     a tie. */
  { int64_t c[] = { 9, 1, 6, 1, 6 };
    const char *w[] = { "9", "< 5", "*", "< 5", "6" };
    supp_case (c, 5, w, "23", false); }
  /* All 4: the sum 8 of two primaries gives them away. */
  { int64_t c[] = { 4, 0, 4, 7 };
    const char *w[] = { "< 5", "0", "< 5", "*" };
    supp_case (c, 4, w, "15", false); }
  /* Only primaries and zeros: no cell to hide, the total goes. */
  { int64_t c[] = { 3, 0, 3 };
    const char *w[] = { "< 5", "0", "< 5" };
    supp_case (c, 3, w, "6", false); }
  { int64_t c[] = { 1, 1, 1, 1, 1 };
    const char *w[] = { "< 5", "< 5", "< 5", "< 5", "< 5" };
    supp_case (c, 5, w, "*", false); }
  /* Nothing small: nothing hidden. */
  { int64_t c[] = { 5, 0, 12 };
    const char *w[] = { "5", "0", "12" };
    enum supp o[3];
    struct supp_result r;
    supp_apply (c, 3, o, &r);
    cr_assert (! r.any);
    supp_case (c, 3, w, "17", false); }
}

Test (stats, rounding_half_away_from_zero)
{
  char b[32];
  /* 65.625 is exact in binary and printf rounds it to even. */
  fmt_dec (65.625, 2, b, sizeof b);
  cr_assert_str_eq (b, "65,63");
  cr_assert_eq (fmt_round_ratio (65625, 1000, 2), 6563);
  cr_assert_eq (fmt_round_ratio (-65625, 1000, 2), -6563);
  /* 17/21 = 80.952...% */
  fmt_pct (17, 21, b, sizeof b);
  cr_assert_str_eq (b, "80,95");
  fmt_pct (1, 8, b, sizeof b);        /* 12.5 */
  cr_assert_str_eq (b, "12,50");
  fmt_pct (1, 0, b, sizeof b);
  cr_assert_str_eq (b, "–");
  fmt_int (1234567, b, sizeof b);
  cr_assert_str_eq (b, "1.234.567");
  fmt_fixed (123456, 2, b, sizeof b);
  cr_assert_str_eq (b, "1.234,56");
  fmt_fixed (31667, 4, b, sizeof b);
  cr_assert_str_eq (b, "3,1667");
  cr_assert_float_eq (fmt_round (2.675, 2), 2.68, 1e-9);
  fmt_date ("2026-06-30", b, sizeof b);
  cr_assert_str_eq (b, "30 Juni 2026");
}

Test (stats, durations)
{
  struct rstat s = { 0 };
  cr_assert (isnan (rstat_median (&s)));
  rstat_add (&s, 5);
  rstat_add (&s, 1);
  rstat_add (&s, 4);
  rstat_add (&s, 2);
  cr_assert_float_eq (rstat_median (&s), 3.0, 1e-12);
  cr_assert_float_eq (rstat_mean (&s), 3.0, 1e-12);
  rstat_add (&s, 2);
  cr_assert_float_eq (rstat_median (&s), 2.0, 1e-12);
  cr_assert_float_eq (rstat_mean (&s), 2.8, 1e-12);
  cr_assert_eq (s.max, 5);
  rstat_add (&s, 7);     /* 1 2 2 4 5 7: median 3, mean 3.5 */
  cr_assert_float_eq (rstat_median (&s), 3.0, 1e-12);
  rstat_add (&s, 0);     /* mean 21/7 = 3 */
  cr_assert_float_eq (rstat_mean (&s), 3.0, 1e-12);
  rstat_free (&s);
  rstat_add (&s, 1);
  rstat_add (&s, 2);     /* median 1.5 */
  cr_assert_float_eq (rstat_median (&s), 1.5, 1e-12);
  rstat_free (&s);
}
