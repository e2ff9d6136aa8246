/*
 * Deterministic stored-only ZIP writer (zip.h).  Layout per entry: local
 * file header, name, data; then the central directory and the end of
 * central directory record (APPNOTE 6.3.x, sections 4.3.7, 4.3.12, 4.3.16).
 * Every field is little-endian and written byte by byte, so the output
 * does not depend on the host.  The CRC table is the standard reflected
 * CRC-32 (polynomial 0xEDB88320), spelled out so that no lazy
 * initialisation is shared between threads; test_zip.c checks it against
 * the bit-by-bit definition.
 */
#include "zip.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zip_entry {
  char *name;
  size_t name_len;
  uint32_t crc, size, offset, attr;
  uint16_t dos_date, version;
};

#define ZIP_MAX_ENTRIES 0xfffeu          /* 0xffff means ZIP64 */
#define ZIP_MAX_OFFSET 0xfffffffeu       /* 0xffffffff means ZIP64 */
#define ZIP_MAX_NAME 1024                /* far below the 65,535 field */
#define ZIP_FLAG_UTF8 0x0800u            /* general purpose bit 11 */
#define ZIP_VERSION_MADE_BY 0x031eu      /* host 3 (Unix), spec 3.0 */
#define ZIP_VERSION_FILE 10u             /* needed: 1.0, a stored file */
#define ZIP_VERSION_DIR 20u              /* needed: 2.0, a directory */
#define ZIP_ATTR_FILE 0x81a40000u        /* S_IFREG | 0644, high half */
#define ZIP_ATTR_DIR 0x41ed0010u         /* S_IFDIR | 0755, MS-DOS dir */

static const uint32_t zip_crc_table[256] = {
  0x00000000, 0x77073096, 0xee0e612c, 0x990951ba, 0x076dc419, 0x706af48f,
  0xe963a535, 0x9e6495a3, 0x0edb8832, 0x79dcb8a4, 0xe0d5e91e, 0x97d2d988,
  0x09b64c2b, 0x7eb17cbd, 0xe7b82d07, 0x90bf1d91, 0x1db71064, 0x6ab020f2,
  0xf3b97148, 0x84be41de, 0x1adad47d, 0x6ddde4eb, 0xf4d4b551, 0x83d385c7,
  0x136c9856, 0x646ba8c0, 0xfd62f97a, 0x8a65c9ec, 0x14015c4f, 0x63066cd9,
  0xfa0f3d63, 0x8d080df5, 0x3b6e20c8, 0x4c69105e, 0xd56041e4, 0xa2677172,
  0x3c03e4d1, 0x4b04d447, 0xd20d85fd, 0xa50ab56b, 0x35b5a8fa, 0x42b2986c,
  0xdbbbc9d6, 0xacbcf940, 0x32d86ce3, 0x45df5c75, 0xdcd60dcf, 0xabd13d59,
  0x26d930ac, 0x51de003a, 0xc8d75180, 0xbfd06116, 0x21b4f4b5, 0x56b3c423,
  0xcfba9599, 0xb8bda50f, 0x2802b89e, 0x5f058808, 0xc60cd9b2, 0xb10be924,
  0x2f6f7c87, 0x58684c11, 0xc1611dab, 0xb6662d3d, 0x76dc4190, 0x01db7106,
  0x98d220bc, 0xefd5102a, 0x71b18589, 0x06b6b51f, 0x9fbfe4a5, 0xe8b8d433,
  0x7807c9a2, 0x0f00f934, 0x9609a88e, 0xe10e9818, 0x7f6a0dbb, 0x086d3d2d,
  0x91646c97, 0xe6635c01, 0x6b6b51f4, 0x1c6c6162, 0x856530d8, 0xf262004e,
  0x6c0695ed, 0x1b01a57b, 0x8208f4c1, 0xf50fc457, 0x65b0d9c6, 0x12b7e950,
  0x8bbeb8ea, 0xfcb9887c, 0x62dd1ddf, 0x15da2d49, 0x8cd37cf3, 0xfbd44c65,
  0x4db26158, 0x3ab551ce, 0xa3bc0074, 0xd4bb30e2, 0x4adfa541, 0x3dd895d7,
  0xa4d1c46d, 0xd3d6f4fb, 0x4369e96a, 0x346ed9fc, 0xad678846, 0xda60b8d0,
  0x44042d73, 0x33031de5, 0xaa0a4c5f, 0xdd0d7cc9, 0x5005713c, 0x270241aa,
  0xbe0b1010, 0xc90c2086, 0x5768b525, 0x206f85b3, 0xb966d409, 0xce61e49f,
  0x5edef90e, 0x29d9c998, 0xb0d09822, 0xc7d7a8b4, 0x59b33d17, 0x2eb40d81,
  0xb7bd5c3b, 0xc0ba6cad, 0xedb88320, 0x9abfb3b6, 0x03b6e20c, 0x74b1d29a,
  0xead54739, 0x9dd277af, 0x04db2615, 0x73dc1683, 0xe3630b12, 0x94643b84,
  0x0d6d6a3e, 0x7a6a5aa8, 0xe40ecf0b, 0x9309ff9d, 0x0a00ae27, 0x7d079eb1,
  0xf00f9344, 0x8708a3d2, 0x1e01f268, 0x6906c2fe, 0xf762575d, 0x806567cb,
  0x196c3671, 0x6e6b06e7, 0xfed41b76, 0x89d32be0, 0x10da7a5a, 0x67dd4acc,
  0xf9b9df6f, 0x8ebeeff9, 0x17b7be43, 0x60b08ed5, 0xd6d6a3e8, 0xa1d1937e,
  0x38d8c2c4, 0x4fdff252, 0xd1bb67f1, 0xa6bc5767, 0x3fb506dd, 0x48b2364b,
  0xd80d2bda, 0xaf0a1b4c, 0x36034af6, 0x41047a60, 0xdf60efc3, 0xa867df55,
  0x316e8eef, 0x4669be79, 0xcb61b38c, 0xbc66831a, 0x256fd2a0, 0x5268e236,
  0xcc0c7795, 0xbb0b4703, 0x220216b9, 0x5505262f, 0xc5ba3bbe, 0xb2bd0b28,
  0x2bb45a92, 0x5cb36a04, 0xc2d7ffa7, 0xb5d0cf31, 0x2cd99e8b, 0x5bdeae1d,
  0x9b64c2b0, 0xec63f226, 0x756aa39c, 0x026d930a, 0x9c0906a9, 0xeb0e363f,
  0x72076785, 0x05005713, 0x95bf4a82, 0xe2b87a14, 0x7bb12bae, 0x0cb61b38,
  0x92d28e9b, 0xe5d5be0d, 0x7cdcefb7, 0x0bdbdf21, 0x86d3d2d4, 0xf1d4e242,
  0x68ddb3f8, 0x1fda836e, 0x81be16cd, 0xf6b9265b, 0x6fb077e1, 0x18b74777,
  0x88085ae6, 0xff0f6a70, 0x66063bca, 0x11010b5c, 0x8f659eff, 0xf862ae69,
  0x616bffd3, 0x166ccf45, 0xa00ae278, 0xd70dd2ee, 0x4e048354, 0x3903b3c2,
  0xa7672661, 0xd06016f7, 0x4969474d, 0x3e6e77db, 0xaed16a4a, 0xd9d65adc,
  0x40df0b66, 0x37d83bf0, 0xa9bcae53, 0xdebb9ec5, 0x47b2cf7f, 0x30b5ffe9,
  0xbdbdf21c, 0xcabac28a, 0x53b39330, 0x24b4a3a6, 0xbad03605, 0xcdd70693,
  0x54de5729, 0x23d967bf, 0xb3667a2e, 0xc4614ab8, 0x5d681b02, 0x2a6f2b94,
  0xb40bbe37, 0xc30c8ea1, 0x5a05df1b, 0x2d02ef8d
};

uint32_t
zip_crc32 (uint32_t crc, const void *data, size_t len)
{
  const unsigned char *p = data;
  crc = ~crc;
  for (size_t i = 0; i < len; i++)
    crc = zip_crc_table[(crc ^ p[i]) & 0xffu] ^ (crc >> 8);
  return ~crc;
}

static bool
zip_fail (struct zip *z, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

static bool
zip_fail (struct zip *z, const char *fmt, ...)
{
  if (! z->failed)
  {
    va_list ap;
    va_start (ap, fmt);
    vsnprintf (z->err, sizeof z->err, fmt, ap);
    va_end (ap);
    z->failed = true;
  }
  return false;
}

static void
zip_u16 (struct buf *b, unsigned v)
{
  unsigned char c[2] = { (unsigned char) (v & 0xff),
                         (unsigned char) ((v >> 8) & 0xff) };
  buf_append (b, c, 2);
}

static void
zip_u32 (struct buf *b, uint32_t v)
{
  unsigned char c[4] = { (unsigned char) (v & 0xff),
                         (unsigned char) ((v >> 8) & 0xff),
                         (unsigned char) ((v >> 16) & 0xff),
                         (unsigned char) ((v >> 24) & 0xff) };
  buf_append (b, c, 4);
}

void
zip_init (struct zip *z, struct buf *out)
{
  memset (z, 0, sizeof *z);
  z->out = out;
  z->base = out->len;
  if (out->oom)
    zip_fail (z, "out of memory");
}

const char *
zip_error (const struct zip *z)
{
  return z->failed ? z->err : "";
}

void
zip_free (struct zip *z)
{
  for (size_t i = 0; i < z->n; i++)
    free (z->ent[i].name);
  free (z->ent);
  free (z->slots);
  z->ent = NULL;
  z->slots = NULL;
  z->n = z->cap = z->n_slots = 0;
}

/* A well-formed relative path in UTF-8: no control characters, no
   backslash, no leading '/', no empty, "." or ".." component (a
   trailing '/' marks a directory).  Such names extract inside the
   target folder on every tool. */
static const char *
zip_name_problem (const char *name, size_t len)
{
  if (0 == len)
    return "empty name";
  if (len > ZIP_MAX_NAME)
    return "name too long";
  const unsigned char *s = (const unsigned char *) name;
  size_t comp = 0;                    /* start of the current component */
  for (size_t i = 0; i <= len; i++)
  {
    if (i == len || '/' == s[i])
    {
      size_t n = i - comp;
      if (0 == n && ! (i == len && i > 0))
        return "empty path component";
      if ((1 == n && '.' == s[comp])
          || (2 == n && '.' == s[comp] && '.' == s[comp + 1]))
        return "'.' or '..' in the path";
      comp = i + 1;
      continue;
    }
    unsigned c = s[i];
    if (c < 0x20 || 0x7f == c || '\\' == c)
      return "control character or backslash in the name";
    if (c < 0x80)
      continue;
    /* UTF-8: the lead byte gives the length; reject overlongs,
       surrogates and code points past U+10FFFF. */
    size_t more;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf)
      more = 1, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
      more = 2, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
      more = 3, cp = c & 0x07;
    else
      return "name is not UTF-8";
    if (i + more >= len)
      return "name is not UTF-8";
    for (size_t k = 1; k <= more; k++)
    {
      if ((s[i + k] & 0xc0) != 0x80)
        return "name is not UTF-8";
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if ((2 == more && cp < 0x800) || (3 == more && cp < 0x10000)
        || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return "name is not UTF-8";
    i += more;
  }
  return NULL;
}

static bool
zip_date_ok (int year, int month, int day)
{
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                               31 };
  if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1
      || day > mdays[month - 1])
    return false;
  bool leap = (0 == year % 4 && 0 != year % 100) || 0 == year % 400;
  return ! (2 == month && 29 == day && ! leap);
}

static uint32_t
zip_hash (const char *s, size_t len)
{
  uint32_t h = 2166136261u;             /* FNV-1a */
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char) s[i]) * 16777619u;
  return h;
}

/* The slot of NAME in the hash: its entry's slot, or the empty one where
   it would go. */
static size_t
zip_slot (const struct zip *z, const char *name, size_t len)
{
  size_t mask = z->n_slots - 1;
  size_t i = zip_hash (name, len) & mask;
  while (z->slots[i])
  {
    const struct zip_entry *e = &z->ent[z->slots[i] - 1];
    if (e->name_len == len && 0 == memcmp (e->name, name, len))
      return i;
    i = (i + 1) & mask;
  }
  return i;
}

/* Keep the hash at most half full. */
static bool
zip_grow_slots (struct zip *z)
{
  if (2 * (z->n + 1) <= z->n_slots)
    return true;
  size_t n = z->n_slots ? 2 * z->n_slots : 64;
  size_t *s = calloc (n, sizeof *s);
  if (NULL == s)
    return false;
  free (z->slots);
  z->slots = s;
  z->n_slots = n;
  for (size_t k = 0; k < z->n; k++)
    z->slots[zip_slot (z, z->ent[k].name, z->ent[k].name_len)] = k + 1;
  return true;
}

bool
zip_add (struct zip *z, const char *name, const void *data, size_t len,
         int year, int month, int day)
{
  if (z->failed)
    return false;
  if (z->finished)
    return zip_fail (z, "zip_add after zip_finish");
  if (NULL == name)
    return zip_fail (z, "entry without a name");
  size_t name_len = strlen (name);
  const char *why = zip_name_problem (name, name_len);
  if (why)
    return zip_fail (z, "bad entry name (%s)", why);
  bool dir = '/' == name[name_len - 1];
  if (dir && len > 0)
    return zip_fail (z, "directory entry with data: %s", name);
  if (len > 0 && NULL == data)
    return zip_fail (z, "entry without data: %s", name);
  if (! zip_date_ok (year, month, day))
    return zip_fail (z, "date %04d-%02d-%02d outside 1980-2107 or invalid",
                     year, month, day);
  if (z->n >= ZIP_MAX_ENTRIES)
    return zip_fail (z, "more than %u entries (ZIP64 is not supported)",
                     ZIP_MAX_ENTRIES);
  size_t offset = z->out->len - z->base;
  if (offset > ZIP_MAX_OFFSET || len > ZIP_MAX_OFFSET
      || ZIP_MAX_OFFSET - offset < 30 + name_len
      || ZIP_MAX_OFFSET - offset - 30 - name_len < len)
    return zip_fail (z, "archive would reach 4 GiB (ZIP64 is not "
                        "supported)");
  if (! zip_grow_slots (z))
    return zip_fail (z, "out of memory");
  size_t slot = zip_slot (z, name, name_len);
  if (z->slots[slot])
    return zip_fail (z, "duplicate entry name: %s", name);
  if (z->n == z->cap)
  {
    size_t cap = z->cap ? 2 * z->cap : 16;
    struct zip_entry *e = realloc (z->ent, cap * sizeof *e);
    if (NULL == e)
      return zip_fail (z, "out of memory");
    z->ent = e;
    z->cap = cap;
  }
  struct zip_entry *e = &z->ent[z->n];
  e->name = malloc (name_len + 1);
  if (NULL == e->name)
    return zip_fail (z, "out of memory");
  memcpy (e->name, name, name_len + 1);
  e->name_len = name_len;
  e->crc = zip_crc32 (0, data, len);
  e->size = (uint32_t) len;
  e->offset = (uint32_t) offset;
  e->attr = dir ? ZIP_ATTR_DIR : ZIP_ATTR_FILE;
  e->version = dir ? ZIP_VERSION_DIR : ZIP_VERSION_FILE;
  e->dos_date = (uint16_t) (((year - 1980) << 9) | (month << 5) | day);
  z->slots[slot] = ++z->n;

  struct buf *b = z->out;
  zip_u32 (b, 0x04034b50u);             /* local file header */
  zip_u16 (b, e->version);
  zip_u16 (b, ZIP_FLAG_UTF8);
  zip_u16 (b, 0);                       /* method: stored */
  zip_u16 (b, 0);                       /* time 00:00:00 */
  zip_u16 (b, e->dos_date);
  zip_u32 (b, e->crc);
  zip_u32 (b, e->size);                 /* compressed = uncompressed */
  zip_u32 (b, e->size);
  zip_u16 (b, (unsigned) name_len);
  zip_u16 (b, 0);                       /* no extra field */
  buf_append (b, name, name_len);
  if (len > 0)
    buf_append (b, data, len);
  if (b->oom)
    return zip_fail (z, "out of memory");
  return true;
}

bool
zip_finish (struct zip *z)
{
  if (z->finished && ! z->failed)
    return zip_fail (z, "zip_finish called twice");
  z->finished = true;
  if (z->failed)
  {
    zip_free (z);
    return false;
  }
  struct buf *b = z->out;
  size_t cd_start = b->len - z->base;
  size_t cd_size = 0;
  for (size_t i = 0; i < z->n; i++)
    cd_size += 46 + z->ent[i].name_len;
  if (cd_start > ZIP_MAX_OFFSET || ZIP_MAX_OFFSET - cd_start < cd_size + 22)
  {
    zip_free (z);
    return zip_fail (z, "archive would reach 4 GiB (ZIP64 is not "
                        "supported)");
  }
  for (size_t i = 0; i < z->n; i++)
  {
    const struct zip_entry *e = &z->ent[i];
    zip_u32 (b, 0x02014b50u);           /* central directory header */
    zip_u16 (b, ZIP_VERSION_MADE_BY);
    zip_u16 (b, e->version);
    zip_u16 (b, ZIP_FLAG_UTF8);
    zip_u16 (b, 0);                     /* stored */
    zip_u16 (b, 0);                     /* 00:00:00 */
    zip_u16 (b, e->dos_date);
    zip_u32 (b, e->crc);
    zip_u32 (b, e->size);
    zip_u32 (b, e->size);
    zip_u16 (b, (unsigned) e->name_len);
    zip_u16 (b, 0);                     /* extra field length */
    zip_u16 (b, 0);                     /* comment length */
    zip_u16 (b, 0);                     /* disk number start */
    zip_u16 (b, 0);                     /* internal attributes */
    zip_u32 (b, e->attr);
    zip_u32 (b, e->offset);
    buf_append (b, e->name, e->name_len);
  }
  zip_u32 (b, 0x06054b50u);             /* end of central directory */
  zip_u16 (b, 0);                       /* this disk */
  zip_u16 (b, 0);                       /* disk with the directory */
  zip_u16 (b, (unsigned) z->n);         /* entries on this disk */
  zip_u16 (b, (unsigned) z->n);         /* entries in all */
  zip_u32 (b, (uint32_t) cd_size);
  zip_u32 (b, (uint32_t) cd_start);
  zip_u16 (b, 0);                       /* comment length */
  zip_free (z);
  if (b->oom)
    return zip_fail (z, "out of memory");
  return true;
}
