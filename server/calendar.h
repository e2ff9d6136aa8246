/*
 * Working days (hari kerja, HK) for complaint deadlines (DOMAIN.md §3):
 * Monday to Friday, minus national holidays, cuti bersama and the unit's
 * regional holidays.  Counting starts the day AFTER receipt.  Pure: the
 * holidays are handed in; no I/O.
 *
 * Dates are civil dates in the unit's zone, as "YYYY-MM-DD" or as a day
 * number (days since 1970-01-01).
 */
#ifndef WADAH_CALENDAR_H
#define WADAH_CALENDAR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct calendar {
  int32_t *days;       /* sorted day numbers that are not working days */
  size_t n;            /* besides Saturdays and Sundays */
  size_t cap;
};

/* Day number of "YYYY-MM-DD"; false when malformed or not a real date. */
bool cal_parse (const char *s, int32_t *day);
/* "YYYY-MM-DD" of a day number into OUT (11 bytes); "0000-00-00" outside
   the years 0001-9999 that cal_parse accepts. */
void cal_format (int32_t day, char out[11]);
/* 0 = Monday ... 6 = Sunday. */
int cal_weekday (int32_t day);

void cal_init (struct calendar *c);
void cal_free (struct calendar *c);
/* Mark DAY as a holiday (duplicates are fine).  False on out-of-memory. */
bool cal_add_holiday (struct calendar *c, int32_t day);
/* Load holidays from the JSON text of forms/holidays.json (see there):
   every entry of every year, whatever its "type" (libur_nasional,
   cuti_bersama or libur_daerah: the office is closed on all of them).
   Strict: duplicate or unknown keys, an unknown type, a date that is not
   YYYY-MM-DD or that is filed under another year are refused.  False with
   a reason (English, for the log) in ERR when the text is malformed; C is
   then left as it was.  Days already in C are kept. */
bool cal_load_json (struct calendar *c, const char *text, size_t len,
                    char *err, size_t errlen);

bool cal_is_working_day (const struct calendar *c, int32_t day);
/* The date N working days after FROM (FROM itself never counts; N >= 1).
   E.g. received Friday, N = 1 -> the next working Monday.  N < 1 returns
   FROM; N is capped at 1,000,000. */
int32_t cal_add_working_days (const struct calendar *c, int32_t from, int n);
/* Working days strictly after FROM up to and including TO (0 when TO <=
   FROM). */
int cal_working_days_between (const struct calendar *c, int32_t from,
                              int32_t to);
#endif
