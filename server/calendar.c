/*
 * Working-day arithmetic for complaint deadlines (DOMAIN.md §3).  Dates are
 * plain day numbers on the proleptic Gregorian calendar (days since
 * 1970-01-01), computed with Howard Hinnant's days-from-civil algorithm, so
 * nothing here depends on time zones, mktime or the process locale: the
 * caller turns "now" into the unit's civil date first.  The holidays come
 * from forms/holidays.json (the office edits it each year when the SKB is
 * published) and live in a sorted array searched by bisection.
 */
#include "calendar.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Years cal_parse accepts and cal_format writes: four digits, no year 0. */
#define CAL_YEAR_MIN 1
#define CAL_YEAR_MAX 9999

/* Bound on N in cal_add_working_days: ~3,800 years of working days, far
   beyond any deadline, and small enough that the result stays an int32. */
#define CAL_MAX_ADD 1000000

static int64_t
floor_div (int64_t a, int64_t b)
{
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Days since 1970-01-01 of Y-M-D (proleptic Gregorian); M 1-12. */
static int64_t
days_from_civil (int64_t y, int m, int d)
{
  y -= m <= 2;
  int64_t era = floor_div (y, 400);
  int64_t yoe = y - era * 400;                                 /* [0, 399] */
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  /* [0, 365] */
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* [0, 146096] */
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (int64_t z, int64_t *y, int *m, int *d)
{
  z += 719468;
  int64_t era = floor_div (z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static bool
is_leap (int64_t y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days (int64_t y, int m)
{
  static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                               31 };
  return m == 2 && is_leap (y) ? 29 : len[m - 1];
}

static bool
digits (const char *s, size_t n, int *out)
{
  int v = 0;
  for (size_t i = 0; i < n; i++)
  {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool
cal_parse (const char *s, int32_t *day)
{
  int y, m, d;
  /* Exactly YYYY-MM-DD: "2026-1-01" or a trailing character is refused,
     so that a date read back is the date that was written. */
  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-'
      || !digits (s, 4, &y) || !digits (s + 5, 2, &m)
      || !digits (s + 8, 2, &d))
    return false;
  if (y < CAL_YEAR_MIN || m < 1 || m > 12 || d < 1 || d > month_days (y, m))
    return false;
  *day = (int32_t) days_from_civil (y, m, d);
  return true;
}

void
cal_format (int32_t day, char out[11])
{
  int64_t y;
  int m, d;
  civil_from_days (day, &y, &m, &d);
  if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX)
  {
    /* Only reachable with day numbers no parsed date produces. */
    memcpy (out, "0000-00-00", 11);
    return;
  }
  int yy = (int) y;
  out[0] = (char) ('0' + yy / 1000);
  out[1] = (char) ('0' + yy / 100 % 10);
  out[2] = (char) ('0' + yy / 10 % 10);
  out[3] = (char) ('0' + yy % 10);
  out[4] = '-';
  out[5] = (char) ('0' + m / 10);
  out[6] = (char) ('0' + m % 10);
  out[7] = '-';
  out[8] = (char) ('0' + d / 10);
  out[9] = (char) ('0' + d % 10);
  out[10] = '\0';
}

int
cal_weekday (int32_t day)
{
  /* 1970-01-01 was a Thursday (3 with Monday = 0). */
  return (int) ((((int64_t) day % 7) + 7 + 3) % 7);
}

void
cal_init (struct calendar *c)
{
  c->days = NULL;
  c->n = 0;
  c->cap = 0;
}

void
cal_free (struct calendar *c)
{
  free (c->days);
  cal_init (c);
}

/* Index of the first holiday >= DAY. */
static size_t
lower_bound (const struct calendar *c, int64_t day)
{
  size_t lo = 0, hi = c->n;
  while (lo < hi)
  {
    size_t mid = lo + (hi - lo) / 2;
    if (c->days[mid] < day)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static bool
reserve (struct calendar *c, size_t want)
{
  if (want <= c->cap)
    return true;
  size_t cap = c->cap ? c->cap : 32;
  while (cap < want)
  {
    if (cap > SIZE_MAX / 2 / sizeof *c->days)
      return false;
    cap *= 2;
  }
  int32_t *p = realloc (c->days, cap * sizeof *p);
  if (p == NULL)
    return false;
  c->days = p;
  c->cap = cap;
  return true;
}

bool
cal_add_holiday (struct calendar *c, int32_t day)
{
  size_t i = lower_bound (c, day);
  if (i < c->n && c->days[i] == day)
    return true;
  if (!reserve (c, c->n + 1))
    return false;
  memmove (c->days + i + 1, c->days + i, (c->n - i) * sizeof *c->days);
  c->days[i] = day;
  c->n++;
  return true;
}

/* The types forms/holidays.json may use.  Loading takes them all: a
   regional holiday closes the office just as a national one does. */
static const char *const cal_types[] = {
  "libur_nasional", "cuti_bersama", "libur_daerah",
};

static bool
known_type (const char *t)
{
  for (size_t i = 0; i < sizeof cal_types / sizeof cal_types[0]; i++)
    if (strcmp (t, cal_types[i]) == 0)
      return true;
  return false;
}

/* Check one entry of year YEAR; its day goes to *DAY. */
static bool
load_entry (json_t *e, const char *year, size_t idx, int32_t *day,
            char *err, size_t errlen)
{
  const char *key;
  json_t *v;
  if (!json_is_object (e))
  {
    snprintf (err, errlen, "years.%s[%zu]: not an object", year, idx);
    return false;
  }
  json_object_foreach (e, key, v)
  {
    if (strcmp (key, "date") != 0 && strcmp (key, "name") != 0
        && strcmp (key, "type") != 0 && strcmp (key, "note") != 0)
    {
      snprintf (err, errlen, "years.%s[%zu]: unknown key %s", year, idx, key);
      return false;
    }
    if (!json_is_string (v))
    {
      snprintf (err, errlen, "years.%s[%zu].%s: not a string", year, idx,
                key);
      return false;
    }
  }
  const char *date = json_string_value (json_object_get (e, "date"));
  const char *name = json_string_value (json_object_get (e, "name"));
  const char *type = json_string_value (json_object_get (e, "type"));
  if (date == NULL || name == NULL || name[0] == '\0' || type == NULL)
  {
    snprintf (err, errlen, "years.%s[%zu]: date, name and type are required",
              year, idx);
    return false;
  }
  if (!known_type (type))
  {
    snprintf (err, errlen, "years.%s[%zu]: unknown type %s", year, idx, type);
    return false;
  }
  if (!cal_parse (date, day))
  {
    snprintf (err, errlen, "years.%s[%zu]: bad date %s", year, idx, date);
    return false;
  }
  /* A date filed under the wrong year is a typo that would silently shift
     a deadline: refuse it. */
  if (strncmp (date, year, 4) != 0)
  {
    snprintf (err, errlen, "years.%s[%zu]: %s is not in %s", year, idx, date,
              year);
    return false;
  }
  return true;
}

/* Validate the whole document into TMP; C is untouched. */
static bool
load_doc (json_t *doc, struct calendar *tmp, char *err, size_t errlen)
{
  const char *key;
  json_t *v;
  if (!json_is_object (doc))
  {
    snprintf (err, errlen, "top level must be an object");
    return false;
  }
  json_object_foreach (doc, key, v)
  {
    if (strcmp (key, "years") == 0)
      continue;
    if (strcmp (key, "source") != 0 && strcmp (key, "note") != 0)
    {
      snprintf (err, errlen, "unknown key %s", key);
      return false;
    }
    if (!json_is_string (v))
    {
      snprintf (err, errlen, "%s: not a string", key);
      return false;
    }
  }
  json_t *years = json_object_get (doc, "years");
  if (!json_is_object (years))
  {
    snprintf (err, errlen, "years must be an object");
    return false;
  }
  const char *year;
  json_t *list;
  json_object_foreach (years, year, list)
  {
    int y;
    if (strlen (year) != 4 || !digits (year, 4, &y) || y < CAL_YEAR_MIN)
    {
      snprintf (err, errlen, "years: bad year %s", year);
      return false;
    }
    if (!json_is_array (list))
    {
      snprintf (err, errlen, "years.%s must be an array", year);
      return false;
    }
    size_t i;
    json_t *e;
    json_array_foreach (list, i, e)
    {
      int32_t day;
      if (!load_entry (e, year, i, &day, err, errlen))
        return false;
      if (!cal_add_holiday (tmp, day))
      {
        snprintf (err, errlen, "out of memory");
        return false;
      }
    }
  }
  return true;
}

bool
cal_load_json (struct calendar *c, const char *text, size_t len, char *err,
               size_t errlen)
{
  json_error_t jerr;
  struct calendar tmp;
  bool ok = false;
  cal_init (&tmp);
  json_t *doc = json_loadb (text, len, JSON_REJECT_DUPLICATES, &jerr);
  if (doc == NULL)
  {
    snprintf (err, errlen, "line %d: %s", jerr.line, jerr.text);
    goto cleanup;
  }
  if (!load_doc (doc, &tmp, err, errlen))
    goto cleanup;
  /* Reserve first so that the merge cannot fail half-way. */
  if (!reserve (c, c->n + tmp.n))
  {
    snprintf (err, errlen, "out of memory");
    goto cleanup;
  }
  for (size_t i = 0; i < tmp.n; i++)
    (void) cal_add_holiday (c, tmp.days[i]);
  ok = true;
cleanup:
  json_decref (doc);
  cal_free (&tmp);
  return ok;
}

static bool
is_holiday (const struct calendar *c, int64_t day)
{
  size_t i = lower_bound (c, day);
  return i < c->n && c->days[i] == day;
}

static bool
working (const struct calendar *c, int64_t day)
{
  return cal_weekday ((int32_t) day) < 5 && !is_holiday (c, day);
}

bool
cal_is_working_day (const struct calendar *c, int32_t day)
{
  return working (c, day);
}

int32_t
cal_add_working_days (const struct calendar *c, int32_t from, int n)
{
  if (n < 1)
    return from;
  if (n > CAL_MAX_ADD)
    n = CAL_MAX_ADD;
  int64_t day = from;
  /* Day by day: deadlines are a few dozen days, and stepping makes the
     "FROM never counts" rule and weekend/holiday overlaps obvious. */
  while (n > 0 && day < INT32_MAX)
  {
    day++;
    if (working (c, day))
      n--;
  }
  return (int32_t) day;
}

/* Monday-to-Friday days in [1970-01-05 (a Monday), DAY), negative before. */
static int64_t
weekdays_before (int64_t day)
{
  int64_t k = day - 4;
  int64_t weeks = floor_div (k, 7);
  int64_t rem = k - weeks * 7;
  return weeks * 5 + (rem < 5 ? rem : 5);
}

int
cal_working_days_between (const struct calendar *c, int32_t from, int32_t to)
{
  if (to <= from)
    return 0;
  int64_t count = weekdays_before ((int64_t) to + 1)
                  - weekdays_before ((int64_t) from + 1);
  /* Holidays on a Saturday or Sunday were not counted in the first place. */
  for (size_t i = lower_bound (c, (int64_t) from + 1);
       i < c->n && c->days[i] <= to; i++)
    if (cal_weekday (c->days[i]) < 5)
      count--;
  return (int) count;
}
