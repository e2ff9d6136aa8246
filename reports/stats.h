/*
 * Small statistics the documents share (REPORTS.md §2): durations in
 * working days with n / median / mean / max, percentages as exact ratios,
 * and the small-count suppression of WBS figures (§2.7).  Pure.
 */
#ifndef WADAH_REPORTS_STATS_H
#define WADAH_REPORTS_STATS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growing list of durations (HK). */
struct rstat {
  int *v;
  size_t n, cap;
  int64_t sum;
  int max;
  bool sorted;
};
void rstat_add (struct rstat *s, int v);
void rstat_free (struct rstat *s);
/* Median (mean of the two middle values for even n), as a double; NAN
   when empty. */
double rstat_median (struct rstat *s);
/* Mean rounded to 2 decimals half away from zero; NAN when empty. */
double rstat_mean (const struct rstat *s);
/* {"n":…, "median":…, "mean":…, "max":…}; nulls when empty. */
json_t *rstat_json (struct rstat *s);

/* NUM/DEN*100 rounded to 2 decimals as a JSON number; null when DEN 0. */
json_t *rjson_pct (int64_t num, int64_t den);
/* X (NAN: null) as a JSON real. */
json_t *rjson_real (double x);

/* ---- §2.7 small-count suppression ---- */

enum supp {
  SUPP_SHOW = 0,      /* printed as is */
  SUPP_LT5,           /* "< 5": a primary cell, or a total of 1-4 */
  SUPP_STAR           /* "*": a complementary (secondary) suppression */
};

struct supp_result {
  bool nihil;         /* total 0: every cell 0, "Nihil" */
  bool withheld;      /* total 1-4: the breakdown is not shown at all */
  enum supp total;    /* how the total prints */
  bool any;           /* some figure was hidden */
};

/* Suppress the one-dimensional table CELLS[0..N-1] (non-negative counts)
   whose total is their sum: CELL_OUT[i] says how cell i prints (all
   SUPP_SHOW when NIHIL; meaningless when WITHHELD). */
void supp_apply (const int64_t *cells, size_t n, enum supp *cell_out,
                 struct supp_result *res);
/* The printed text of a count V under S: "12", "< 5", "*". */
const char *supp_text (enum supp s, int64_t v, char *buf, size_t cap);
#endif
