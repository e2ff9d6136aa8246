/*
 * Numbers and dates as a document prints them (REPORTS.md §1.2, §0.3):
 * Indonesian format ("1.234", "81,25", "30 Juni 2026") and rounding half
 * away from zero on exact values (Excel ROUND, not printf's ties-to-even:
 * 65.625 prints 65,63).  Pure.
 */
#ifndef WADAH_REPORTS_FMT_H
#define WADAH_REPORTS_FMT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* NUM / DEN rounded half away from zero to DECIMALS places, as an integer
   scaled by 10^DECIMALS (DEN > 0; DECIMALS 0..6). */
int64_t fmt_round_ratio (int64_t num, int64_t den, int decimals);
/* The same as a double (for JSON): e.g. 6563 / 100 = 65.63. */
double fmt_ratio (int64_t num, int64_t den, int decimals);
/* A double rounded half away from zero to DECIMALS, correcting binary
   representation error first (65.625 -> 65.63). */
double fmt_round (double x, int decimals);

/* "1.234.567", "-12". */
void fmt_int (int64_t v, char *out, size_t cap);
/* SCALED / 10^DECIMALS printed with a decimal comma and thousand dots:
   fmt_fixed (8125, 2) = "81,25"; fmt_fixed (123456, 2) = "1.234,56". */
void fmt_fixed (int64_t scaled, int decimals, char *out, size_t cap);
/* X rounded (fmt_round) and printed like fmt_fixed. */
void fmt_dec (double x, int decimals, char *out, size_t cap);
/* Percentage NUM/DEN*100 with 2 decimals, "81,25"; "–" when DEN is 0. */
void fmt_pct (int64_t num, int64_t den, char *out, size_t cap);

/* Indonesian month name of M (1-12); "" otherwise. */
const char *fmt_month (int m);
/* "30 Juni 2026" from "2026-06-30" (or from a day number); "–" when
   malformed. */
void fmt_date (const char *iso, char *out, size_t cap);
void fmt_day (int32_t day, char *out, size_t cap);
/* Roman numerals I..XII for semester/quarter labels. */
const char *fmt_roman (int n);
#endif
