/* See fmt.h. */
#include "fmt.h"
#include "calendar.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int64_t pow10_tab[] = { 1, 10, 100, 1000, 10000, 100000,
                                     1000000 };

int64_t
fmt_round_ratio (int64_t num, int64_t den, int decimals)
{
  if (den <= 0)
    return 0;
  if (decimals < 0)
    decimals = 0;
  if (decimals > 6)
    decimals = 6;
  __int128 n = (__int128) num * pow10_tab[decimals];
  bool neg = n < 0;
  if (neg)
    n = -n;
  /* floor ((2n + den) / (2 den)): half away from zero. */
  __int128 q = (2 * n + den) / (2 * (__int128) den);
  return (int64_t) (neg ? -q : q);
}

double
fmt_ratio (int64_t num, int64_t den, int decimals)
{
  return (double) fmt_round_ratio (num, den, decimals)
         / (double) pow10_tab[decimals < 0 ? 0 : decimals > 6 ? 6 : decimals];
}

double
fmt_round (double x, int decimals)
{
  if (decimals < 0)
    decimals = 0;
  if (decimals > 6)
    decimals = 6;
  double p = (double) pow10_tab[decimals];
  double y = x * p;
  /* 65.625 * 100 = 6562.499999999999: take the nearest value with 9
     significant decimals first, then round half away from zero. */
  double r = round (y * 1e6) / 1e6;
  return round (r) / p;
}

void
fmt_int (int64_t v, char *out, size_t cap)
{
  char digits[32];
  bool neg = v < 0;
  uint64_t u = neg ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
  snprintf (digits, sizeof digits, "%llu", (unsigned long long) u);
  size_t n = strlen (digits), o = 0;
  char tmp[48];
  if (neg)
    tmp[o++] = '-';
  for (size_t i = 0; i < n; i++)
  {
    if (i && (n - i) % 3 == 0)
      tmp[o++] = '.';
    tmp[o++] = digits[i];
  }
  tmp[o] = '\0';
  snprintf (out, cap, "%s", tmp);
}

void
fmt_fixed (int64_t scaled, int decimals, char *out, size_t cap)
{
  if (decimals <= 0)
  {
    fmt_int (scaled, out, cap);
    return;
  }
  bool neg = scaled < 0;
  uint64_t u = neg ? (uint64_t) 0 - (uint64_t) scaled : (uint64_t) scaled;
  uint64_t p = (uint64_t) pow10_tab[decimals > 6 ? 6 : decimals];
  char ip[40], frac[16];
  fmt_int ((int64_t) (u / p), ip, sizeof ip);
  snprintf (frac, sizeof frac, "%0*llu", decimals,
            (unsigned long long) (u % p));
  snprintf (out, cap, "%s%s,%s", neg && u ? "-" : "", ip, frac);
}

void
fmt_dec (double x, int decimals, char *out, size_t cap)
{
  if (isnan (x))
  {
    snprintf (out, cap, "–");
    return;
  }
  double r = fmt_round (x, decimals);
  fmt_fixed ((int64_t) llround (r * (double) pow10_tab[decimals]), decimals,
             out, cap);
}

void
fmt_pct (int64_t num, int64_t den, char *out, size_t cap)
{
  if (den <= 0)
  {
    snprintf (out, cap, "–");
    return;
  }
  fmt_fixed (fmt_round_ratio (num * 100, den, 2), 2, out, cap);
}

static const char *const months[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
  "Agustus", "September", "Oktober", "November", "Desember"
};

const char *
fmt_month (int m)
{
  return m >= 1 && m <= 12 ? months[m - 1] : "";
}

void
fmt_date (const char *iso, char *out, size_t cap)
{
  int32_t day;
  if (NULL == iso || ! cal_parse (iso, &day))
  {
    snprintf (out, cap, "–");
    return;
  }
  snprintf (out, cap, "%d %s %d", atoi (iso + 8), fmt_month (atoi (iso + 5)),
            atoi (iso));
}

void
fmt_day (int32_t day, char *out, size_t cap)
{
  char iso[11];
  if (day < 0)
  {
    snprintf (out, cap, "–");
    return;
  }
  cal_format (day, iso);
  fmt_date (iso, out, cap);
}

const char *
fmt_roman (int n)
{
  static const char *const r[] = { "", "I", "II", "III", "IV", "V", "VI",
                                   "VII", "VIII", "IX", "X", "XI", "XII" };
  return n >= 1 && n <= 12 ? r[n] : "";
}
