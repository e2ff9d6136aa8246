/*
 * Complaints "posisi per" a cut-off (REPORTS.md §2.1-2.4): each complaint
 * of a range folded over its events up to the cut-off into the figures
 * the complaint documents count.  One fold for D1, D1a, D1b, D2, D5's
 * complaint table and D8, so they cannot disagree.
 */
#ifndef WADAH_REPORTS_COHORT_H
#define WADAH_REPORTS_COHORT_H
#include "cstage.h"
#include "report.h"
#include "rstore.h"
#include "stats.h"
#include <stdint.h>

enum { CH_SP4N_LAPOR, CH_WEBSITE, CH_WHATSAPP, CH_EMAIL, CH_MEDSOS, CH_KOTAK,
       CH_LANGSUNG, CH_TELEPON, CH__COUNT };
extern const char *const cohort_channel_id[CH__COUNT];
extern const char *const cohort_channel_label[CH__COUNT];
enum { CL_PENGADUAN, CL_ASPIRASI, CL_PERMINTAAN_INFORMASI, CL__COUNT };
extern const char *const cohort_class_id[CL__COUNT];
extern const char *const cohort_class_label[CL__COUNT];
/* Document labels of the statuses (enum cstatus order). */
extern const char *const cohort_status_label[];

/* A stage outcome (§2.4). */
enum outcome { OUT_NONE = -1, OUT_TEPAT = 0, OUT_TERLAMBAT_SELESAI,
               OUT_TERLAMBAT_BELUM, OUT_BELUM_JATUH_TEMPO, OUT__COUNT };

struct cf {
  int64_t id;
  char tracking[32];
  int64_t received_at;
  char received_date[11];
  int32_t received_day;
  int channel, klass, privacy;   /* privacy: 0 biasa, 1 rahasia, 2 anonim */
  int64_t category_id;
  char lapor_id[64];
  bool imported;
  int status;                    /* at the cut-off */
  int status_start;              /* at the start instant (carry-over) */
  struct cstage st;              /* stage clocks up to the cut-off */
  int64_t section_id;            /* of the first DIDISPOSISI by the cut-off */
  unsigned int unsur;            /* bit u-1 for Uu, tags at the cut-off */
  bool not_solved;               /* a "not solved" verdict by the cut-off */
  bool reopened;                 /* SELESAI -> DITINDAKLANJUTI by pelapor */
  char closure;                  /* last SELESAI by 'p'elapor, 's'istem,
                                    'o'fficer; 0 */
  int32_t tl_day;                /* first DITINDAKLANJUTI, -1 */
  char *pub;                     /* publication in force (malloc'ed) */
  int64_t pub_at;
  /* Derived by cohort_load: */
  int32_t d1, d2;                /* stage deadlines (-1: none) */
  enum outcome o1, o2;           /* OUT_NONE: not in the population */
  int hk1, hk2, hk_tl;           /* durations (-1: not completed) */
};

struct cohort {
  struct cf *c;
  size_t n, cap;
};

/* Fold the complaints of X's unit received in [FROM, TO] at CUTOFF_TS /
   CUTOFF_DAY (and their status at START_TS, for the carry-over).  False
   on a store failure. */
bool cohort_load (struct report_ctx *x, const char *from, const char *to,
                  int64_t start_ts, int64_t cutoff_ts, int32_t cutoff_day,
                  struct cohort *out);
void cohort_free (struct cohort *co);
/* Fold one complaint's events (pure; for the unit tests): the result in
   *OUT, with deadlines and outcomes from CAL and the HK settings. */
void cohort_fold (const struct rs_complaint *c, const struct rs_event *ev,
                  size_t n_ev, int utc_offset_min, int64_t start_ts,
                  int64_t cutoff_ts, int32_t cutoff_day,
                  const struct calendar *cal, int hk_verify, int hk_followup,
                  struct cf *out);

/* Counts of a group of complaints (a row of T2, T3, T4, T5, T8). */
struct cgroup {
  int64_t masuk, diarsipkan, bukan_wewenang, ditindaklanjuti, selesai;
  int64_t o2[OUT__COUNT];
  struct rstat hk_tl;
};
void cgroup_add (struct cgroup *g, const struct cf *c);
/* The row's JSON: masuk … selesai, harus_ditindaklanjuti, dalam_proses,
   pct_ditindaklanjuti, pct_selesai, pct_tepat_tindak_lanjut, median_hk. */
json_t *cgroup_json (struct cgroup *g);
void cgroup_free (struct cgroup *g);
#endif
