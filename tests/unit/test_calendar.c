/* Working days (DOMAIN.md §3): date parsing, weekends, holidays, cuti
   bersama, deadlines across the year end, and the shipped
   forms/holidays.json (read from the repository root, where the test
   binary runs).  The 2026 examples are the SKB dates; if the office edits
   the 2026 list, these tests say which deadlines moved. */
#include "calendar.h"
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t
D (const char *s)
{
  int32_t d;
  cr_assert (cal_parse (s, &d), "cannot parse %s", s);
  return d;
}

/* Assert that cal_add_working_days (FROM, N) is WANT. */
static void
expect_add (const struct calendar *c, const char *from, int n,
            const char *want)
{
  char got[11];
  cal_format (cal_add_working_days (c, D (from), n), got);
  cr_assert_str_eq (got, want, "%s + %d HK: got %s, want %s", from, n, got,
                    want);
}

static char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  cr_assert_not_null (f, "cannot open %s (run from the repository root)",
                      path);
  char *buf = NULL;
  size_t n = 0, cap = 0;
  for (;;)
  {
    if (n + 4096 > cap)
    {
      cap = cap ? cap * 2 : 8192;
      buf = realloc (buf, cap);
      cr_assert_not_null (buf);
    }
    size_t r = fread (buf + n, 1, cap - n, f);
    n += r;
    if (r == 0)
      break;
  }
  fclose (f);
  *len = n;
  return buf;
}

static struct calendar shipped;

static void
load_shipped (void)
{
  size_t len;
  char err[200] = "";
  char *text = slurp ("forms/holidays.json", &len);
  cal_init (&shipped);
  cr_assert (cal_load_json (&shipped, text, len, err, sizeof err), "%s",
             err);
  free (text);
}

static void
free_shipped (void)
{
  cal_free (&shipped);
}

/* ---- dates ---- */

Test (calendar, parse_known_day_numbers)
{
  cr_assert_eq (D ("1970-01-01"), 0);
  cr_assert_eq (D ("1970-01-02"), 1);
  cr_assert_eq (D ("1969-12-31"), -1);
  cr_assert_eq (D ("2000-03-01"), 11017);
  cr_assert_eq (D ("2026-01-01"), 20454);
  cr_assert_eq (D ("2027-01-01"), 20819);
  cr_assert_eq (D ("2027-01-01") - D ("2026-01-01"), 365);
  cr_assert_eq (D ("2025-01-01") - D ("2024-01-01"), 366);
}

Test (calendar, parse_refuses_bad_dates)
{
  static const char *bad[] = {
    "2026-02-29",   /* 2026 is not a leap year */
    "1900-02-29",   /* century, not divisible by 400 */
    "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31",
    "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01 ",
    " 2026-01-01", "2026-01-01x", "2026-01-0a", "+026-01-01", "0000-01-01",
    "2026-0101", "", "20260101",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
  {
    int32_t d = 12345;
    cr_assert (!cal_parse (bad[i], &d), "accepted \"%s\"", bad[i]);
    cr_assert_eq (d, 12345, "wrote a day for \"%s\"", bad[i]);
  }
  int32_t d;
  cr_assert (!cal_parse (NULL, &d));
}

Test (calendar, parse_accepts_leap_days)
{
  int32_t d;
  cr_assert (cal_parse ("2024-02-29", &d));
  cr_assert_eq (d, D ("2024-03-01") - 1);
  cr_assert (cal_parse ("2000-02-29", &d));
  cr_assert (cal_parse ("2028-02-29", &d));
  cr_assert (cal_parse ("0001-01-01", &d));
  cr_assert (cal_parse ("9999-12-31", &d));
}

Test (calendar, format_parse_round_trip)
{
  char s[11];
  int32_t from = D ("1899-12-25"), to = D ("2101-01-07");
  int prev_wd = cal_weekday (from - 1);
  for (int32_t d = from; d <= to; d++)
  {
    int32_t back;
    cal_format (d, s);
    cr_assert_eq (strlen (s), 10);
    cr_assert (cal_parse (s, &back), "%s", s);
    cr_assert_eq (back, d, "%s", s);
    int wd = cal_weekday (d);
    cr_assert_eq (wd, (prev_wd + 1) % 7, "%s", s);
    prev_wd = wd;
  }
  cal_format (0, s);
  cr_assert_str_eq (s, "1970-01-01");
  cal_format (D ("2026-12-31") + 1, s);
  cr_assert_str_eq (s, "2027-01-01");
  cal_format (D ("2024-02-28") + 1, s);
  cr_assert_str_eq (s, "2024-02-29");
  cal_format (D ("9999-12-31") + 1, s);
  cr_assert_str_eq (s, "0000-00-00");
}

Test (calendar, weekdays)
{
  cr_assert_eq (cal_weekday (0), 3);                  /* 1970-01-01 Thu */
  cr_assert_eq (cal_weekday (-1), 2);                 /* Wed */
  cr_assert_eq (cal_weekday (D ("2026-01-01")), 3);   /* Thu */
  cr_assert_eq (cal_weekday (D ("2026-01-05")), 0);   /* Mon */
  cr_assert_eq (cal_weekday (D ("2026-01-09")), 4);   /* Fri */
  cr_assert_eq (cal_weekday (D ("2026-01-10")), 5);   /* Sat */
  cr_assert_eq (cal_weekday (D ("2026-01-11")), 6);   /* Sun */
  cr_assert_eq (cal_weekday (D ("2027-01-01")), 4);   /* Fri */
  cr_assert_eq (cal_weekday (D ("1945-08-17")), 4);   /* Fri */
}

/* ---- arithmetic on a hand-made calendar ---- */

Test (calendar, weekends_only)
{
  struct calendar c;
  cal_init (&c);
  cr_assert (cal_is_working_day (&c, D ("2026-01-09")));     /* Fri */
  cr_assert (!cal_is_working_day (&c, D ("2026-01-10")));    /* Sat */
  cr_assert (!cal_is_working_day (&c, D ("2026-01-11")));    /* Sun */
  expect_add (&c, "2026-01-05", 1, "2026-01-06");  /* Mon: from never counts */
  expect_add (&c, "2026-01-05", 3, "2026-01-08");
  expect_add (&c, "2026-01-05", 5, "2026-01-12");
  expect_add (&c, "2026-01-09", 1, "2026-01-12");  /* Fri -> Mon */
  expect_add (&c, "2026-01-10", 1, "2026-01-12");  /* Sat -> Mon */
  expect_add (&c, "2026-01-11", 1, "2026-01-12");  /* Sun -> Mon */
  expect_add (&c, "2026-01-09", 5, "2026-01-16");
  expect_add (&c, "2026-01-09", 10, "2026-01-23");
  /* N < 1 is not a deadline: FROM comes back. */
  expect_add (&c, "2026-01-09", 0, "2026-01-09");
  expect_add (&c, "2026-01-09", -3, "2026-01-09");
  cal_free (&c);
}

Test (calendar, holidays_sorted_and_deduplicated)
{
  struct calendar c;
  cal_init (&c);
  cr_assert (cal_add_holiday (&c, D ("2026-12-25")));
  cr_assert (cal_add_holiday (&c, D ("2026-01-01")));
  cr_assert (cal_add_holiday (&c, D ("2026-05-01")));
  cr_assert (cal_add_holiday (&c, D ("2026-01-01")));
  cr_assert (cal_add_holiday (&c, D ("2026-12-25")));
  cr_assert_eq (c.n, 3);
  cr_assert_eq (c.days[0], D ("2026-01-01"));
  cr_assert_eq (c.days[1], D ("2026-05-01"));
  cr_assert_eq (c.days[2], D ("2026-12-25"));
  /* Many inserts in reverse order stay sorted (and grow the array). */
  for (int i = 500; i > 0; i--)
    cr_assert (cal_add_holiday (&c, D ("2030-01-01") + i * 3));
  cr_assert_eq (c.n, 503);
  for (size_t i = 1; i < c.n; i++)
    cr_assert_lt (c.days[i - 1], c.days[i]);
  cal_free (&c);
  cr_assert_eq (c.n, 0);
  cr_assert_null (c.days);
}

Test (calendar, holiday_and_cuti_bersama_skipped)
{
  struct calendar c;
  cal_init (&c);
  cal_add_holiday (&c, D ("2026-01-16"));    /* Fri: Isra Mikraj */
  cr_assert (!cal_is_working_day (&c, D ("2026-01-16")));
  /* Wed + 3: Thu 15, (Fri 16), Mon 19, Tue 20. */
  expect_add (&c, "2026-01-14", 3, "2026-01-20");
  /* Received on the holiday itself: counting starts the next day. */
  expect_add (&c, "2026-01-16", 1, "2026-01-19");
  /* Received Thursday, 1 HK: the Friday is a holiday -> Monday. */
  expect_add (&c, "2026-01-15", 1, "2026-01-19");
  /* Imlek (Tue 17 Feb) with its cuti bersama (Mon 16): a Friday receipt
     waits until Wednesday. */
  cal_add_holiday (&c, D ("2026-02-16"));
  cal_add_holiday (&c, D ("2026-02-17"));
  expect_add (&c, "2026-02-13", 1, "2026-02-18");
  expect_add (&c, "2026-02-13", 3, "2026-02-20");
  /* A holiday on a weekend changes nothing. */
  cal_add_holiday (&c, D ("2026-03-22"));    /* Sun */
  expect_add (&c, "2026-03-20", 1, "2026-03-23");
  cr_assert_eq (cal_working_days_between (&c, D ("2026-03-20"),
                                          D ("2026-03-27")), 5);
  cal_free (&c);
}

Test (calendar, deadline_across_year_end)
{
  struct calendar c;
  cal_init (&c);
  cal_add_holiday (&c, D ("2026-12-24"));    /* Thu: cuti bersama Natal */
  cal_add_holiday (&c, D ("2026-12-25"));    /* Fri: Natal */
  cal_add_holiday (&c, D ("2027-01-01"));    /* Fri: Tahun Baru */
  /* Wed 23 Dec: (24, 25 off) Mon 28, Tue 29, Wed 30, Thu 31, (Fri 1 Jan
     off), Mon 4 ... Fri 8, Mon 11 Jan. */
  expect_add (&c, "2026-12-23", 3, "2026-12-30");
  expect_add (&c, "2026-12-23", 5, "2027-01-04");
  expect_add (&c, "2026-12-23", 10, "2027-01-11");
  /* Received on New Year's Eve, a Thursday. */
  expect_add (&c, "2026-12-31", 1, "2027-01-04");
  cr_assert_eq (cal_working_days_between (&c, D ("2026-12-23"),
                                          D ("2027-01-11")), 10);
  cr_assert_eq (cal_working_days_between (&c, D ("2026-12-23"),
                                          D ("2027-01-08")), 9);
  cal_free (&c);
}

Test (calendar, between_counts)
{
  struct calendar c;
  cal_init (&c);
  cal_add_holiday (&c, D ("2026-01-16"));
  cr_assert_eq (cal_working_days_between (&c, D ("2026-01-09"),
                                          D ("2026-01-12")), 1);
  cr_assert_eq (cal_working_days_between (&c, D ("2026-01-09"),
                                          D ("2026-01-11")), 0);
  cr_assert_eq (cal_working_days_between (&c, D ("2026-01-12"),
                                          D ("2026-01-16")), 3);
  cr_assert_eq (cal_working_days_between (&c, D ("2026-01-12"),
                                          D ("2026-01-19")), 4);
  /* FROM itself never counts; TO <= FROM is 0. */
  cr_assert_eq (cal_working_days_between (&c, D ("2026-01-12"),
                                          D ("2026-01-12")), 0);
  cr_assert_eq (cal_working_days_between (&c, D ("2026-01-19"),
                                          D ("2026-01-12")), 0);
  /* Dates before 1970 (negative day numbers) count the same way. */
  cr_assert_eq (cal_working_days_between (&c, D ("1969-12-26"),
                                          D ("1970-01-05")), 6);
  cal_free (&c);
}

/* The day-stepping add and the arithmetic between must agree everywhere,
   including holidays on weekends and before 1970. */
Test (calendar, add_and_between_agree)
{
  struct calendar c;
  cal_init (&c);
  for (int32_t d = D ("1969-11-01"); d < D ("1970-03-01"); d += 5)
    cal_add_holiday (&c, d);
  for (int32_t d = D ("2026-11-01"); d < D ("2027-03-01"); d += 4)
    cal_add_holiday (&c, d);
  static const char *starts[] = { "1969-10-20", "2026-10-20" };
  for (size_t s = 0; s < 2; s++)
    for (int32_t from = D (starts[s]); from < D (starts[s]) + 90; from++)
      for (int n = 1; n <= 60; n++)
      {
        int32_t due = cal_add_working_days (&c, from, n);
        cr_assert (cal_is_working_day (&c, due));
        cr_assert_eq (cal_working_days_between (&c, from, due), n);
        cr_assert_eq (cal_working_days_between (&c, from, due - 1), n - 1);
      }
  cal_free (&c);
}

Test (calendar, huge_n_is_bounded)
{
  struct calendar c;
  cal_init (&c);
  int32_t due = cal_add_working_days (&c, D ("2026-01-01"), 2000000000);
  cr_assert_gt (due, D ("2026-01-01"));
  cr_assert_eq (cal_working_days_between (&c, D ("2026-01-01"), due),
                1000000);
  cal_free (&c);
}

/* ---- the shipped forms/holidays.json ---- */

Test (calendar, shipped_file_loads, .init = load_shipped,
      .fini = free_shipped)
{
  /* 2026: 17 national holidays + 8 cuti bersama, all on distinct dates;
     2027: the estimated national holidays (at least the 8 fixed-date and
     Easter-based ones). */
  cr_assert_geq (shipped.n, 25 + 8);
  for (size_t i = 1; i < shipped.n; i++)
    cr_assert_lt (shipped.days[i - 1], shipped.days[i]);
  static const char *off[] = {
    "2026-01-01", "2026-01-16", "2026-02-16", "2026-02-17", "2026-03-18",
    "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24", "2026-04-03",
    "2026-05-01", "2026-05-14", "2026-05-15", "2026-05-27", "2026-05-28",
    "2026-06-01", "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-24",
    "2026-12-25", "2027-01-01", "2027-08-17", "2027-12-25",
  };
  for (size_t i = 0; i < sizeof off / sizeof off[0]; i++)
    cr_assert (!cal_is_working_day (&shipped, D (off[i])), "%s", off[i]);
  static const char *on[] = {
    "2026-01-02", "2026-03-25", "2026-04-06", "2026-05-29", "2026-08-18",
    "2026-12-28", "2026-12-31", "2027-01-04",
  };
  for (size_t i = 0; i < sizeof on / sizeof on[0]; i++)
    cr_assert (cal_is_working_day (&shipped, D (on[i])), "%s", on[i]);
}

Test (calendar, shipped_2026_has_17_holidays_and_8_cuti_bersama)
{
  /* Count by type straight from the file, as the SKB states them. */
  size_t len;
  char *text = slurp ("forms/holidays.json", &len);
  json_error_t e;
  json_t *doc = json_loadb (text, len, JSON_REJECT_DUPLICATES, &e);
  cr_assert_not_null (doc, "%s", e.text);
  json_t *y = json_object_get (json_object_get (doc, "years"), "2026");
  size_t i, nat = 0, cuti = 0;
  json_t *x;
  json_array_foreach (y, i, x)
  {
    const char *t = json_string_value (json_object_get (x, "type"));
    nat += strcmp (t, "libur_nasional") == 0;
    cuti += strcmp (t, "cuti_bersama") == 0;
  }
  cr_assert_eq (nat, 17);
  cr_assert_eq (cuti, 8);
  json_decref (doc);
  free (text);
}

Test (calendar, shipped_deadlines_2026, .init = load_shipped,
      .fini = free_shipped)
{
  /* Verify and dispose: 3 HK.  An ordinary week. */
  expect_add (&shipped, "2026-01-05", 3, "2026-01-08");
  /* A Friday receipt. */
  expect_add (&shipped, "2026-01-09", 3, "2026-01-14");
  /* Across Isra Mikraj (Fri 16 Jan). */
  expect_add (&shipped, "2026-01-14", 3, "2026-01-20");
  /* Across Imlek and its cuti bersama (16-17 Feb). */
  expect_add (&shipped, "2026-02-13", 3, "2026-02-20");
  /* Lebaran 2026: Nyepi (18-19 Mar), Idul Fitri and cuti bersama (20-24
     Mar): received Tue 17 Mar, nothing counts until Wed 25. */
  expect_add (&shipped, "2026-03-17", 1, "2026-03-25");
  expect_add (&shipped, "2026-03-17", 3, "2026-03-27");
  /* Follow-up: 5 HK. */
  expect_add (&shipped, "2026-03-17", 5, "2026-03-31");
  /* Closing: 10 HK, across Wafat Yesus Kristus (Fri 3 Apr). */
  expect_add (&shipped, "2026-03-17", 10, "2026-04-08");
  /* Kenaikan (Thu 14 May) + cuti bersama (Fri 15 May). */
  expect_add (&shipped, "2026-05-13", 1, "2026-05-18");
  expect_add (&shipped, "2026-05-13", 5, "2026-05-22");
  /* Idul Adha (Wed 27) + cuti bersama (Thu 28), Waisak on Sun 31,
     Pancasila Mon 1 Jun. */
  expect_add (&shipped, "2026-05-26", 3, "2026-06-03");
  expect_add (&shipped, "2026-05-26", 10, "2026-06-12");
  /* 17 Agustus (Mon) and Maulid (Tue 25 Aug). */
  expect_add (&shipped, "2026-08-14", 1, "2026-08-18");
  expect_add (&shipped, "2026-08-21", 3, "2026-08-27");
  cr_assert_eq (cal_working_days_between (&shipped, D ("2026-03-17"),
                                          D ("2026-03-27")), 3);
  cr_assert_eq (cal_working_days_between (&shipped, D ("2026-03-17"),
                                          D ("2026-04-08")), 10);
  /* 261 weekdays in 2026, 21 of them holidays or cuti bersama. */
  cr_assert_eq (cal_working_days_between (&shipped, D ("2025-12-31"),
                                          D ("2026-12-31")), 240);
}

Test (calendar, shipped_deadline_across_year_end, .init = load_shipped,
      .fini = free_shipped)
{
  /* Wed 23 Dec 2026: cuti bersama Thu 24, Natal Fri 25, Tahun Baru Fri 1
     Jan 2027 (fixed-date holidays only: no 2027 estimate involved). */
  expect_add (&shipped, "2026-12-23", 3, "2026-12-30");
  expect_add (&shipped, "2026-12-23", 5, "2027-01-04");
  expect_add (&shipped, "2026-12-31", 1, "2027-01-04");
  cr_assert_eq (cal_working_days_between (&shipped, D ("2026-12-23"),
                                          D ("2027-01-04")), 5);
}

/* ---- malformed holiday files ---- */

static const char *const bad_files[] = {
  "",
  "{",
  "[]",
  "{\"years\": []}",
  "{\"source\": \"x\"}",
  "{\"years\": {\"2026\": {}}}",
  "{\"years\": {\"2026\": [\"2026-01-01\"]}}",
  "{\"years\": {\"26\": []}}",
  "{\"years\": {\"2026\": [{\"date\": \"2026-02-30\", \"name\": \"x\","
  " \"type\": \"libur_nasional\"}]}}",
  "{\"years\": {\"2026\": [{\"date\": \"2026-1-01\", \"name\": \"x\","
  " \"type\": \"libur_nasional\"}]}}",
  /* filed under the wrong year */
  "{\"years\": {\"2026\": [{\"date\": \"2027-01-01\", \"name\": \"x\","
  " \"type\": \"libur_nasional\"}]}}",
  "{\"years\": {\"2026\": [{\"date\": \"2026-01-01\", \"name\": \"x\","
  " \"type\": \"libur\"}]}}",
  "{\"years\": {\"2026\": [{\"date\": \"2026-01-01\","
  " \"type\": \"libur_nasional\"}]}}",
  "{\"years\": {\"2026\": [{\"date\": \"2026-01-01\", \"name\": \"\","
  " \"type\": \"libur_nasional\"}]}}",
  "{\"years\": {\"2026\": [{\"date\": \"2026-01-01\", \"name\": \"x\","
  " \"type\": \"libur_nasional\", \"hari\": \"Kamis\"}]}}",
  "{\"years\": {\"2026\": [{\"date\": 20260101, \"name\": \"x\","
  " \"type\": \"libur_nasional\"}]}}",
  /* duplicate keys */
  "{\"years\": {\"2026\": [{\"date\": \"2026-01-01\", \"date\":"
  " \"2026-01-02\", \"name\": \"x\", \"type\": \"libur_nasional\"}]}}",
  "{\"years\": {\"2026\": [], \"2026\": []}}",
  "{\"years\": {}, \"sumber\": \"x\"}",
  /* a good entry before a bad one: nothing may be loaded */
  "{\"years\": {\"2026\": [{\"date\": \"2026-03-02\", \"name\": \"x\","
  " \"type\": \"libur_daerah\"}, {\"date\": \"2026-13-01\", \"name\": \"y\","
  " \"type\": \"libur_nasional\"}]}}",
};

Test (calendar, malformed_json_refused_and_calendar_untouched)
{
  for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++)
  {
    struct calendar c;
    char err[200] = "";
    cal_init (&c);
    cal_add_holiday (&c, D ("2026-03-03"));
    cr_assert (!cal_load_json (&c, bad_files[i], strlen (bad_files[i]), err,
                               sizeof err), "accepted %s", bad_files[i]);
    cr_assert_neq (err[0], '\0', "no reason for %s", bad_files[i]);
    cr_assert_eq (c.n, 1, "%s changed the calendar", bad_files[i]);
    cr_assert_eq (c.days[0], D ("2026-03-03"));
    cal_free (&c);
  }
}

Test (calendar, minimal_file_with_regional_holiday)
{
  static const char text[] =
    "{\"source\": \"uji\", \"years\": {\"2026\": ["
    "{\"date\": \"2026-03-02\", \"name\": \"Hari Jadi Kota\","
    " \"type\": \"libur_daerah\", \"note\": \"Perda\"},"
    "{\"date\": \"2026-01-01\", \"name\": \"Tahun Baru\","
    " \"type\": \"libur_nasional\"}], \"2027\": []}}";
  struct calendar c;
  char err[200];
  cal_init (&c);
  cal_add_holiday (&c, D ("2026-01-01"));     /* already there: kept once */
  cr_assert (cal_load_json (&c, text, strlen (text), err, sizeof err), "%s",
             err);
  cr_assert_eq (c.n, 2);
  cr_assert (!cal_is_working_day (&c, D ("2026-03-02")));
  expect_add (&c, "2026-02-27", 1, "2026-03-03");
  cal_free (&c);
}
