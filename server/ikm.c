/* See ikm.h.  Round only for display: NRRs and the IKM stay unrounded. */
#include "ikm.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int
days_in_month (int y, int m)
{
  static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return d[m - 1];
}

static void
period_fill (struct period *p)
{
  int m0, m1;
  switch (p->kind)
  {
  case 'S': m0 = p->n == 1 ? 1 : 7; m1 = m0 + 5; break;
  case 'Q': m0 = (p->n - 1) * 3 + 1; m1 = m0 + 2; break;
  default: m0 = 1; m1 = 12; break;
  }
  if (p->kind == 'Y')
    snprintf (p->key, sizeof p->key, "%04d", p->year);
  else
    snprintf (p->key, sizeof p->key, "%04d-%c%d", p->year, p->kind, p->n);
  snprintf (p->from, sizeof p->from, "%04d-%02d-01", p->year, m0);
  snprintf (p->to, sizeof p->to, "%04d-%02d-%02d", p->year, m1,
            days_in_month (p->year, m1));
}

bool
period_parse (const char *s, struct period *p)
{
  memset (p, 0, sizeof *p);
  if (NULL == s)
    return false;
  for (int i = 0; i < 4; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  p->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10
            + (s[3] - '0');
  if (p->year < 2000 || p->year > 2199)
    return false;
  if (s[4] == '\0')
    p->kind = 'Y';
  else if (s[4] == '-' && (s[5] == 'S' || s[5] == 'Q') && s[6] >= '1'
           && s[6] <= (s[5] == 'S' ? '2' : '4') && s[7] == '\0')
  {
    p->kind = s[5];
    p->n = s[6] - '0';
  }
  else
    return false;
  period_fill (p);
  return true;
}

void
ikm_local_date (int64_t t, int utc_offset_min, char out[11])
{
  time_t lt = (time_t) (t + (int64_t) utc_offset_min * 60);
  struct tm tm;
  gmtime_r (&lt, &tm);
  snprintf (out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
            tm.tm_mday);
}

void
period_quarter_of (int64_t t, int utc_offset_min, struct period *p)
{
  char d[11];
  ikm_local_date (t, utc_offset_min, d);
  memset (p, 0, sizeof *p);
  p->year = atoi (d);
  p->kind = 'Q';
  p->n = (atoi (d + 5) - 1) / 3 + 1;
  period_fill (p);
}

int
ikm_round2 (double x)
{
  /* The 1e-9 guards values like 88.305 that binary floating point stores
     a hair below the half. */
  return (int) floor (x * 100.0 + 0.5 + 1e-9);
}

const struct ikm_grade *
ikm_grade_of (int hundredths, const struct ikm_grade *grades, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (hundredths >= grades[i].min_hundredths)
      return &grades[i];
  return NULL;
}

void
ikm_compute (struct ikm_item *items, size_t n,
             const struct ikm_grade *grades, size_t n_grades,
             struct ikm_result *out)
{
  double total = 0;
  memset (out, 0, sizeof *out);
  out->valid = n > 0;
  for (size_t i = 0; i < n; i++)
  {
    if (items[i].count <= 0)
    {
      items[i].nrr = 0;
      out->valid = false;
      continue;
    }
    items[i].nrr = (double) items[i].sum / (double) items[i].count;
    total += items[i].nrr;
  }
  if (! out->valid)
    return;
  out->ikm = total / (double) n;      /* weight 1/n, not 0.11 */
  out->ikm25 = out->ikm * 25.0;
  out->ikm25_hundredths = ikm_round2 (out->ikm25);
  out->grade = ikm_grade_of (out->ikm25_hundredths, grades, n_grades);
}

int64_t
ikm_min_sample (int64_t n)
{
  /* s = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P)), X2 = 3.841, P = .5, d = .05.
     Krejcie & Morgan's published table rounds to the nearest whole number
     and prints 384 from N = 100,000 on, where the formula gives 383. */
  if (n >= 100000)
    return 384;
  if (n < 1)
    return 0;
  double s = 3.841 * (double) n * 0.25
             / (0.0025 * (double) (n - 1) + 3.841 * 0.25);
  return (int64_t) floor (s + 0.5);
}
