/*
 * Survey arithmetic of PermenPANRB 14/2017 (DOMAIN.md §2), free of I/O:
 * periods, the IKM with weight 1/n (the mean of the NRRs), the grade table
 * (data from the form definition) and the Krejcie-Morgan minimum sample.
 */
#ifndef WADAH_IKM_H
#define WADAH_IKM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A survey period: a year, a semester or a quarter. */
struct period {
  int year;
  char kind;          /* 'Y', 'S' or 'Q' */
  int n;              /* semester 1-2, quarter 1-4; 0 for a year */
  char key[12];       /* canonical text: 2025, 2025-S1, 2025-Q3 */
  char from[11];      /* first day, YYYY-MM-DD */
  char to[11];        /* last day, YYYY-MM-DD */
};

/* Parse "2025", "2025-S1" or "2025-Q1" (years 2000-2199).  False when S is
   anything else. */
bool period_parse (const char *s, struct period *p);
/* The quarter containing the local date of Unix time T at OFFSET minutes. */
void period_quarter_of (int64_t t, int utc_offset_min, struct period *p);
/* Local calendar date (YYYY-MM-DD) of Unix time T at OFFSET minutes. */
void ikm_local_date (int64_t t, int utc_offset_min, char out[11]);

/* One grade row: IKM_25 (in hundredths) at or above MIN gets MUTU. */
struct ikm_grade {
  int min_hundredths;
  char mutu[4];
  char kinerja[32];
};

struct ikm_item {
  const char *code;   /* unsur code, e.g. "U1" */
  int64_t sum;        /* sum of answers */
  int64_t count;      /* number of answers */
  double nrr;         /* out: sum / count (0 when count is 0) */
};

struct ikm_result {
  bool valid;         /* every item has at least one answer */
  double ikm;         /* mean of the NRRs, unrounded */
  double ikm25;       /* ikm * 25, unrounded */
  int ikm25_hundredths;  /* ikm25 rounded half-up to two decimals, x100 */
  const struct ikm_grade *grade;   /* NULL when not valid */
};

/* Compute NRRs (into ITEMS) and the IKM over N items with equal weight 1/N;
   grade with GRADES (N_GRADES rows, highest first). */
void ikm_compute (struct ikm_item *items, size_t n,
                  const struct ikm_grade *grades, size_t n_grades,
                  struct ikm_result *out);
/* Round X to two decimals, half away from zero, as hundredths. */
int ikm_round2 (double x);
/* Grade of a rounded IKM_25 (hundredths); NULL when below every row. */
const struct ikm_grade *ikm_grade_of (int hundredths,
                                      const struct ikm_grade *grades,
                                      size_t n_grades);
/* Krejcie-Morgan minimum sample for population N (N >= 1). */
int64_t ikm_min_sample (int64_t n);
#endif
