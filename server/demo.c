/* See demo.h. */
#include "demo.h"
#include "calendar.h"
#include <stdio.h>
#include <string.h>

struct rng {
  uint64_t s;
};

static uint64_t
rnext (struct rng *r)
{
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static int
rint_ (struct rng *r, int n)
{
  return (int) (rnext (r) % (uint64_t) n);
}

static size_t
count (const char *const *l)
{
  size_t n = 0;
  while (l && l[n])
    n++;
  return n;
}

/* "YYYY-MM-DDTHH:MM:00+07:00" for local DAY at minute MIN of the day. */
static json_t *
at_json (int32_t day, int min, int off)
{
  char d[11];
  cal_format (day, d);
  return json_sprintf ("%sT%02d:%02d:00%c%02d:%02d", d, min / 60, min % 60,
                       off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
                       (off < 0 ? -off : off) % 60);
}

static json_t *
day_json (int32_t day)
{
  char d[11];
  cal_format (day, d);
  return json_string (d);
}

/* The next working day on or after DAY. */
static int32_t
workday (const struct calendar *cal, int32_t day)
{
  while (! cal_is_working_day (cal, day))
    day++;
  return day;
}

static const char *const complaint_texts[] = {
  "[DEMO] Antrean pelayanan KTP-el sangat panjang dan nomor antrean habis"
  " sebelum pukul sembilan pagi.",
  "[DEMO] Petugas loket meminta biaya tambahan untuk mempercepat pencetakan"
  " Kartu Keluarga.",
  "[DEMO] Data nama pada akta kelahiran anak salah ketik dan perbaikannya"
  " belum selesai.",
  "[DEMO] Informasi persyaratan pindah datang di website berbeda dengan"
  " yang disampaikan petugas.",
  "[DEMO] Ruang tunggu panas dan kursi kurang sehingga lansia harus berdiri"
  " lama.",
  "[DEMO] Permohonan KIA sudah tiga minggu tetapi statusnya belum berubah"
  " di aplikasi.",
  "[DEMO] Petugas kurang ramah saat menjelaskan berkas yang harus"
  " dilengkapi.",
  "[DEMO] Mohon informasi jam layanan perekaman KTP-el pada hari Sabtu.",
};

static const char *const responses[] = {
  "Terima kasih atas laporan Anda. Pengaduan telah kami tindak lanjuti dan"
  " dokumen dapat diambil di loket pelayanan.",
  "Perbaikan data telah selesai dilakukan. Silakan mencetak ulang dokumen"
  " melalui loket atau anjungan mandiri.",
  "Kami telah menambah petugas loket pada jam sibuk dan memperbarui"
  " informasi persyaratan di website.",
};

/* One complaint's story: how far it goes. */
enum story { S_DONE_REPORTER, S_DONE_SYSTEM, S_FOLLOWED, S_DISPOSED,
             S_VERIFIED, S_RECEIVED, S_INCOMPLETE_THEN_DONE, S_WAITING,
             S_REFERRED, S_ARCHIVED, S__N };

/* The time of the complaint's last event: a new event on the same day
   comes after it (quarter of an hour later at least). */
static int32_t last_day;
static int last_min;

static void
add_event (json_t *events, int32_t day, int min, int off, const char *actor,
           const char *kind, const char *from, const char *to,
           const char *section, const char *verdict)
{
  if (day == last_day && min <= last_min)
    min = last_min + 15 < 24 * 60 ? last_min + 15 : 24 * 60 - 1;
  last_day = day;
  last_min = min;
  json_t *e = json_pack ("{s:o, s:s, s:s, s:s, s:s}", "at",
                         at_json (day, min, off), "actor", actor, "kind",
                         kind, "from", from, "to", to);
  if (section)
    json_object_set_new (e, "section", json_string (section));
  if (verdict)
    json_object_set_new (e, "verdict", json_string (verdict));
  json_array_append_new (events, e);
}

json_t *
demo_document (const char *slug, int32_t today, int off, uint64_t seed,
               const char *const *categories, const char *const *sections,
               const char *const *services)
{
  struct rng r = { seed };
  struct calendar cal;
  cal_init (&cal);
  char iso[11];
  cal_format (today, iso);
  int year = 0, month = 0;
  sscanf (iso, "%d-%d", &year, &month);
  /* The last complete semester and the current one. */
  int cur_s = month <= 6 ? 1 : 2;
  int prev_y = cur_s == 1 ? year - 1 : year, prev_s = cur_s == 1 ? 2 : 1;
  char from_s[11];
  snprintf (from_s, sizeof from_s, "%04d-%s", prev_y,
            prev_s == 1 ? "01-01" : "07-01");
  int32_t start;
  cal_parse (from_s, &start);
  int32_t end = today - 1;
  size_t ncat = count (categories), nsec = count (sections);
  size_t nsvc = count (services);
  static const char *const chans[] = { "WEBSITE", "WEBSITE", "WEBSITE",
                                       "SP4N_LAPOR", "SP4N_LAPOR",
                                       "WHATSAPP", "EMAIL", "MEDSOS",
                                       "KOTAK", "LANGSUNG", "TELEPON" };
  json_t *complaints = json_array ();
  int seq[2200 - 2000] = { 0 };
  int n_complaints = 70;
  for (int i = 0; i < n_complaints && ncat; i++)
  {
    int32_t rd = workday (&cal, start + rint_ (&r, end - start + 1));
    if (rd > end)
      continue;
    int rmin = 8 * 60 + rint_ (&r, 7 * 60);
    cal_format (rd, iso);
    int y = 0;
    sscanf (iso, "%d", &y);
    char tracking[32];
    snprintf (tracking, sizeof tracking, "ADU-%04d-%06d", y,
              ++seq[y - 2000]);
    const char *ch = chans[rint_ (&r, (int) (sizeof chans / sizeof *chans))];
    int privacy = rint_ (&r, 10);
    json_t *c = json_pack (
      "{s:s, s:o, s:s, s:s, s:s, s:s, s:s}", "tracking", tracking,
      "received_at", at_json (rd, rmin, off), "channel", ch, "class",
      rint_ (&r, 10) < 8 ? "PENGADUAN" : rint_ (&r, 2) ? "ASPIRASI"
                                                        : "PERMINTAAN_INFORMASI",
      "category", categories[rint_ (&r, (int) ncat)], "privacy",
      privacy < 6 ? "biasa" : privacy < 8 ? "rahasia" : "anonim",
      "description", complaint_texts[rint_ (&r, 8)]);
    if (0 == strcmp (ch, "SP4N_LAPOR"))
      json_object_set_new (c, "lapor_id", json_sprintf (
                             "LAPOR-%04d%06d", y, 100000 + rint_ (&r, 899999)));
    if (privacy < 8)
      json_object_set_new (c, "reporter", json_pack (
                             "{s:o, s:o}", "name",
                             json_sprintf ("Warga Demo %d", i + 1), "phone",
                             json_sprintf ("08123%07d", rint_ (&r, 9999999))));
    if (rint_ (&r, 3))
    {
      json_t *u = json_array ();
      json_array_append_new (u, json_sprintf ("U%d", 1 + rint_ (&r, 9)));
      json_object_set_new (c, "unsur", u);
    }
    /* The story, shorter for recent complaints. */
    enum story s = (enum story) rint_ (&r, S__N);
    int age = end - rd;
    if (age < 5 && s < S_VERIFIED)
      s = S_VERIFIED;
    json_t *events = json_array ();
    int32_t d = rd;
    last_day = rd;
    last_min = rmin;
    const char *sec = nsec ? sections[rint_ (&r, (int) nsec)] : NULL;
    const char *cur = "DITERIMA";
    if (s == S_REFERRED || s == S_ARCHIVED)
    {
      d = workday (&cal, d + 1 + rint_ (&r, 3));
      if (d <= end)
        add_event (events, d, 9 * 60 + rint_ (&r, 420), off, "petugas",
                   "STATUS", cur, s == S_REFERRED ? "BUKAN_WEWENANG"
                                                  : "DIARSIPKAN", NULL, NULL);
    }
    else if (s != S_RECEIVED)
    {
      if (s == S_INCOMPLETE_THEN_DONE || s == S_WAITING)
      {
        d = workday (&cal, d + 1);
        if (d > end)
          goto done;
        add_event (events, d, 10 * 60, off, "petugas", "STATUS", cur,
                   "PERLU_DILENGKAPI", NULL, NULL);
        cur = "PERLU_DILENGKAPI";
        if (s == S_WAITING)
          goto done;
        d = workday (&cal, d + 2 + rint_ (&r, 6));
        if (d > end)
          goto done;
        add_event (events, d, 11 * 60, off, "pelapor", "REPLY", cur,
                   "DITERIMA", NULL, NULL);
        cur = "DITERIMA";
      }
      d = workday (&cal, d + rint_ (&r, 3));
      if (d > end)
        goto done;
      add_event (events, d, 13 * 60, off, "petugas", "STATUS", cur,
                 "DIVERIFIKASI", NULL, NULL);
      cur = "DIVERIFIKASI";
      if (s == S_VERIFIED)
        goto done;
      d = workday (&cal, d + rint_ (&r, 3));
      if (d > end)
        goto done;
      add_event (events, d, 14 * 60, off, "petugas", "STATUS", cur,
                 "DIDISPOSISI", sec, NULL);
      cur = "DIDISPOSISI";
      if (s == S_DISPOSED)
        goto done;
      d = workday (&cal, d + 1 + rint_ (&r, 8));
      if (d > end)
        goto done;
      add_event (events, d, 10 * 60 + rint_ (&r, 300), off, "bidang",
                 "STATUS", cur, "DITINDAKLANJUTI", NULL, NULL);
      cur = "DITINDAKLANJUTI";
      if (rint_ (&r, 2))
        json_object_set_new (c, "publications", json_pack (
                               "[{s:o, s:s}]", "at",
                               at_json (d, 16 * 60, off), "text",
                               responses[rint_ (&r, 3)]));
      if (s == S_FOLLOWED)
        goto done;
      if (s == S_DONE_REPORTER || s == S_INCOMPLETE_THEN_DONE)
      {
        d = workday (&cal, d + 1 + rint_ (&r, 4));
        if (d > end)
          goto done;
        add_event (events, d, 19 * 60, off, "pelapor", "VERDICT", cur,
                   "SELESAI", NULL, "solved");
      }
      else
      {
        d = cal_add_working_days (&cal, d, 10) + 1;
        if (d > end)
          goto done;
        add_event (events, d, 0, off, "sistem", "STATUS", cur, "SELESAI",
                   NULL, NULL);
      }
    }
  done:
    json_object_set_new (c, "events", events);
    json_array_append_new (complaints, c);
  }

  /* Survey responses: about 2 a working day, answers mostly 3 and 4. */
  json_t *survey = json_array ();
  static const char *const edu[] = { "SD", "SMP", "SMA", "SMA", "D1-D3",
                                     "S1", "S1", "S2" };
  static const char *const occ[] = { "PNS", "SWASTA", "SWASTA", "WIRAUSAHA",
                                     "TNI", "POLRI" };
  for (int32_t d = start; d <= end && nsvc; d++)
  {
    if (! cal_is_working_day (&cal, d))
      continue;
    int k = rint_ (&r, 4);
    for (int j = 0; j < k; j++)
    {
      json_t *ans = json_object ();
      for (int u = 1; u <= 9; u++)
      {
        int v = rint_ (&r, 100);
        int a = v < 4 ? 1 : v < 18 ? 2 : v < (u == 3 ? 70 : 60) ? 3 : 4;
        char key[4];
        snprintf (key, sizeof key, "U%d", u);
        json_object_set_new (ans, key, json_integer (a));
      }
      json_array_append_new (survey, json_pack (
        "{s:o, s:s, s:{s:s, s:i, s:s, s:s}, s:o}", "submitted_at",
        at_json (d, 8 * 60 + rint_ (&r, 480), off), "service",
        services[rint_ (&r, (int) nsvc)], "profile", "gender",
        rint_ (&r, 2) ? "L" : "P", "age", 18 + rint_ (&r, 55), "education",
        edu[rint_ (&r, 8)], "occupation", occ[rint_ (&r, 6)], "answers",
        ans));
    }
  }

  /* WBS: a few reports, dates only. */
  json_t *wbs = json_array ();
  static const char *const wcat[] = { "PUNGLI", "GRATIFIKASI_SUAP",
                                      "KODE_ETIK_DISIPLIN", "PUNGLI",
                                      "LAINNYA" };
  for (int i = 0; i < 5; i++)
  {
    int32_t rd = start + rint_ (&r, end - start - 20 > 1 ? end - start - 20
                                                         : 1);
    json_t *ev = json_array ();
    int32_t d = workday (&cal, rd + 1 + rint_ (&r, 2));
    json_array_append_new (ev, json_pack ("{s:o, s:s, s:s, s:s}", "date",
                                          day_json (d), "actor", "tim",
                                          "from", "DITERIMA", "to",
                                          "DITELAAH"));
    if (i < 3)
    {
      d = workday (&cal, d + 3 + rint_ (&r, 8));
      const char *dec = i == 0 ? "DIINVESTIGASI" : i == 1 ? "TIDAK_MEMENUHI"
                                                          : "DITERUSKAN_APIP";
      json_array_append_new (ev, json_pack ("{s:o, s:s, s:s, s:s}", "date",
                                            day_json (d), "actor", "tim",
                                            "from", "DITELAAH", "to", dec));
      if (i == 0 && d + 20 <= end)
        json_array_append_new (ev, json_pack (
                                 "{s:o, s:s, s:s, s:s}", "date",
                                 day_json (workday (&cal, d + 20)), "actor",
                                 "tim", "from", "DIINVESTIGASI", "to",
                                 "TERBUKTI"));
    }
    json_array_append_new (wbs, json_pack (
      "{s:o, s:s, s:s, s:b, s:o, s:[{s:o, s:s}]}", "received_date",
      day_json (rd), "category", wcat[i], "what",
      "[DEMO] Laporan sintetis untuk contoh dokumen monev WBS.",
      "has_identity", i == 2, "events", ev, "messages", "date",
      day_json (d), "sender", "team"));
  }

  /* Recommendations of the semester before the last, with follow-up. */
  char sp[12], sd[11], t1[11], t2[11];
  snprintf (sp, sizeof sp, "%04d-S%d", prev_s == 1 ? prev_y - 1 : prev_y,
            prev_s == 1 ? 2 : 1);
  cal_format (start + 10, sd);
  cal_format (start + 80, t1);
  cal_format (start + 150, t2);
  int32_t done_day = workday (&cal, start + 60);
  json_t *recs = json_pack (
    "[{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:o, s:s, s:s, s:s}]},"
    " {s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[]},"
    " {s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:o, s:s, s:s}]}]",
    "domain", "PENGADUAN", "source_period", sp, "source_date", sd,
    "finding", "[DEMO] Tahap verifikasi sering melewati batas 3 HK.",
    "text", "Menetapkan petugas piket verifikasi harian.", "pic_jabatan",
    "Kepala Seksi Pelayanan", "target_date", t1, "events", "at",
    day_json (done_day), "status", "SELESAI", "note",
    "Petugas piket ditetapkan dengan surat tugas.", "evidence_ref",
    "ST/12/2026",
    "domain", "SKM", "source_period", sp, "source_date", sd, "finding",
    "[DEMO] Unsur waktu penyelesaian terendah.", "text",
    "Menambah loket cetak pada jam sibuk.", "pic_jabatan",
    "Kepala Bidang Pelayanan Pendaftaran Penduduk", "target_date", t2,
    "events",
    "domain", "WBS", "source_period", sp, "source_date", sd, "finding",
    "[DEMO] Sosialisasi WBS belum menjangkau petugas loket.", "text",
    "Sosialisasi WBS pada apel pagi setiap bulan.", "pic_jabatan",
    "Ketua Tim Pengelola WBS", "target_date", t1, "events", "at",
    day_json (done_day), "status", "PROSES", "note",
    "Dua kali sosialisasi terlaksana.");

  char pop[12];
  snprintf (pop, sizeof pop, "%04d-S%d", prev_y, prev_s);
  json_t *doc = json_pack (
    "{s:s, s:s, s:[{s:s, s:i}], s:o, s:o, s:o, s:o}", "format",
    "wadah-import/1", "unit", slug, "populations", "period", pop,
    "population", 4200, "complaints", complaints, "wbs", wbs,
    "survey_responses", survey, "recommendations", recs);
  cal_free (&cal);
  return doc;
}
