/* See stats.h. */
#include "stats.h"
#include "fmt.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void
rstat_add (struct rstat *s, int v)
{
  if (s->n == s->cap)
  {
    size_t cap = s->cap ? 2 * s->cap : 64;
    int *p = realloc (s->v, cap * sizeof *p);
    if (NULL == p)
      abort ();           /* a few bytes per record: out of memory is fatal */
    s->v = p;
    s->cap = cap;
  }
  s->v[s->n++] = v;
  s->sum += v;
  if (s->n == 1 || v > s->max)
    s->max = v;
  s->sorted = false;
}

void
rstat_free (struct rstat *s)
{
  free (s->v);
  s->v = NULL;
  s->n = s->cap = 0;
  s->sum = 0;
}

static int
int_cmp (const void *a, const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

double
rstat_median (struct rstat *s)
{
  if (0 == s->n)
    return NAN;
  if (! s->sorted)
  {
    qsort (s->v, s->n, sizeof *s->v, &int_cmp);
    s->sorted = true;
  }
  if (s->n % 2)
    return s->v[s->n / 2];
  return (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2.0;
}

double
rstat_mean (const struct rstat *s)
{
  if (0 == s->n)
    return NAN;
  return fmt_ratio (s->sum, (int64_t) s->n, 2);
}

json_t *
rjson_real (double x)
{
  return isnan (x) ? json_null () : json_real (x);
}

json_t *
rstat_json (struct rstat *s)
{
  return json_pack ("{s:I, s:o, s:o, s:o}", "n", (json_int_t) s->n,
                    "median", rjson_real (rstat_median (s)),
                    "mean", rjson_real (rstat_mean (s)),
                    "max", s->n ? json_integer (s->max) : json_null ());
}

json_t *
rjson_pct (int64_t num, int64_t den)
{
  if (den <= 0)
    return json_null ();
  return json_real (fmt_ratio (num * 100, den, 2));
}

void
supp_apply (const int64_t *cells, size_t n, enum supp *cell_out,
            struct supp_result *res)
{
  int64_t total = 0;
  for (size_t i = 0; i < n; i++)
  {
    total += cells[i];
    cell_out[i] = SUPP_SHOW;
  }
  res->nihil = 0 == total;
  res->withheld = total >= 1 && total <= 4;
  res->total = res->withheld ? SUPP_LT5 : SUPP_SHOW;
  res->any = res->withheld;
  if (total < 5)
    return;
  size_t k = 0;
  int64_t sum = 0;
  for (size_t i = 0; i < n; i++)
    if (cells[i] >= 1 && cells[i] <= 4)
    {
      cell_out[i] = SUPP_LT5;
      k++;
      sum += cells[i];
    }
  if (0 == k)
    return;
  res->any = true;
  /* The primary cells are recoverable from the total when there is one,
     or when their known sum forces every one of them to 1 or to 4. */
  if (! (1 == k || sum == (int64_t) k || sum == 4 * (int64_t) k))
    return;
  size_t best = n;
  for (size_t i = 0; i < n; i++)
    if (SUPP_SHOW == cell_out[i] && cells[i] > 0
        && (best == n || cells[i] < cells[best]))
      best = i;
  if (best < n)
    cell_out[best] = SUPP_STAR;
  else
    res->total = SUPP_STAR;
}

const char *
supp_text (enum supp s, int64_t v, char *buf, size_t cap)
{
  switch (s)
  {
  case SUPP_LT5:
    snprintf (buf, cap, "< 5");
    break;
  case SUPP_STAR:
    snprintf (buf, cap, "*");
    break;
  default:
    fmt_int (v, buf, cap);
    break;
  }
  return buf;
}
