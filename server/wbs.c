/* See wbs.h. */
#include "wbs.h"
#include "vault.h"
#include <stdio.h>
#include <string.h>

static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

void
wbs_receipt_new (char lookup[WBS_LOOKUP_LEN + 1],
                 char secret[WBS_SECRET_LEN + 1], char text[WBS_RECEIPT_TEXT])
{
  unsigned char r[WBS_LOOKUP_LEN + WBS_SECRET_LEN];
  char all[WBS_LOOKUP_LEN + WBS_SECRET_LEN];
  size_t o = 0;
  vault_random (r, sizeof r);
  for (size_t i = 0; i < sizeof r; i++)
    all[i] = alphabet[r[i] & 31];
  memcpy (lookup, all, WBS_LOOKUP_LEN);
  lookup[WBS_LOOKUP_LEN] = '\0';
  memcpy (secret, all + WBS_LOOKUP_LEN, WBS_SECRET_LEN);
  secret[WBS_SECRET_LEN] = '\0';
  for (size_t i = 0; i < sizeof all; i++)
  {
    if (i && i % 4 == 0)
      text[o++] = '-';
    text[o++] = all[i];
  }
  text[o] = '\0';
  vault_wipe (r, sizeof r);
  vault_wipe (all, sizeof all);
}

bool
wbs_receipt_parse (const char *typed, char lookup[WBS_LOOKUP_LEN + 1],
                   char secret[WBS_SECRET_LEN + 1])
{
  char all[WBS_LOOKUP_LEN + WBS_SECRET_LEN];
  size_t n = 0;
  for (; typed && *typed; typed++)
  {
    char c = *typed;
    if (c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
      continue;
    if (c >= 'a' && c <= 'z')
      c = (char) (c - 'a' + 'A');
    if (n == sizeof all || NULL == strchr (alphabet, c) || c == '\0')
      return false;
    all[n++] = c;
  }
  if (n != sizeof all)
    return false;
  memcpy (lookup, all, WBS_LOOKUP_LEN);
  lookup[WBS_LOOKUP_LEN] = '\0';
  memcpy (secret, all + WBS_LOOKUP_LEN, WBS_SECRET_LEN);
  secret[WBS_SECRET_LEN] = '\0';
  vault_wipe (all, sizeof all);
  return true;
}

static const struct {
  const char *name, *label;
} wstatus_info[WS__COUNT] = {
  [WS_DITERIMA] = { "DITERIMA", "Diterima" },
  [WS_DITELAAH] = { "DITELAAH", "Sedang ditelaah" },
  [WS_TIDAK_MEMENUHI] = { "TIDAK_MEMENUHI",
                          "Tidak memenuhi syarat untuk ditindaklanjuti" },
  [WS_DITERUSKAN_APIP] = { "DITERUSKAN_APIP",
                           "Diteruskan ke Aparat Pengawasan Intern (APIP)" },
  [WS_DITERUSKAN_APH_KPK] = { "DITERUSKAN_APH_KPK",
                              "Diteruskan ke Aparat Penegak Hukum / KPK" },
  [WS_DIINVESTIGASI] = { "DIINVESTIGASI", "Sedang diinvestigasi" },
  [WS_TERBUKTI] = { "TERBUKTI", "Terbukti" },
  [WS_TIDAK_TERBUKTI] = { "TIDAK_TERBUKTI", "Tidak terbukti" },
  [WS_SELESAI] = { "SELESAI", "Selesai" },
};

int
wstatus_from_name (const char *name)
{
  for (int i = 0; name && i < WS__COUNT; i++)
    if (0 == strcmp (name, wstatus_info[i].name))
      return i;
  return -1;
}

const char *
wstatus_name (enum wstatus s)
{
  return (unsigned) s < WS__COUNT ? wstatus_info[s].name : NULL;
}

const char *
wstatus_label (enum wstatus s)
{
  return (unsigned) s < WS__COUNT ? wstatus_info[s].label : NULL;
}

bool
wstatus_allowed (enum wstatus from, enum wstatus to)
{
  switch (from)
  {
  case WS_DITERIMA:
    return to == WS_DITELAAH;
  case WS_DITELAAH:
    return to == WS_TIDAK_MEMENUHI || to == WS_DITERUSKAN_APIP
           || to == WS_DITERUSKAN_APH_KPK || to == WS_DIINVESTIGASI;
  case WS_DIINVESTIGASI:
    return to == WS_TERBUKTI || to == WS_TIDAK_TERBUKTI;
  case WS_TIDAK_MEMENUHI:
  case WS_DITERUSKAN_APIP:
  case WS_DITERUSKAN_APH_KPK:
  case WS_TERBUKTI:
  case WS_TIDAK_TERBUKTI:
    return to == WS_SELESAI;
  default:
    return false;
  }
}

int64_t
wbs_day_start (int64_t t, int offset_min)
{
  int64_t off = (int64_t) offset_min * 60, local = t + off;
  int64_t day = local / 86400 - (local % 86400 < 0);
  return day * 86400 - off;
}
