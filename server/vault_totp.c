/*
 * TOTP (RFC 6238 over RFC 4226 HOTP) with HMAC-SHA-1, the variant every
 * authenticator app supports.  libsodium has no SHA-1, so it is here: used
 * only inside HMAC, where SHA-1's collision weakness does not matter.
 */
#include "vault.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

struct sha1 {
  uint32_t h[5];
  uint64_t len;
  unsigned char buf[64];
  size_t n;
};

static uint32_t
rol (uint32_t x, int k)
{
  return (x << k) | (x >> (32 - k));
}

static void
sha1_block (struct sha1 *s, const unsigned char *p)
{
  uint32_t w[80], a, b, c, d, e;
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t) p[4 * i] << 24 | (uint32_t) p[4 * i + 1] << 16
           | (uint32_t) p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 80; i++)
    w[i] = rol (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3]; e = s->h[4];
  for (int i = 0; i < 80; i++)
  {
    uint32_t f, k;
    if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
    else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
    else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
    else { f = b ^ c ^ d; k = 0xca62c1d6; }
    uint32_t t = rol (a, 5) + f + e + k + w[i];
    e = d; d = c; c = rol (b, 30); b = a; a = t;
  }
  s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d; s->h[4] += e;
}

static void
sha1_init (struct sha1 *s)
{
  static const uint32_t iv[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
                                  0x10325476, 0xc3d2e1f0 };
  memcpy (s->h, iv, sizeof iv);
  s->len = 0;
  s->n = 0;
}

static void
sha1_update (struct sha1 *s, const unsigned char *p, size_t len)
{
  s->len += len;
  while (len > 0)
  {
    size_t take = 64 - s->n < len ? 64 - s->n : len;
    memcpy (s->buf + s->n, p, take);
    s->n += take;
    p += take;
    len -= take;
    if (s->n == 64)
    {
      sha1_block (s, s->buf);
      s->n = 0;
    }
  }
}

static void
sha1_final (struct sha1 *s, unsigned char out[20])
{
  uint64_t bits = s->len * 8;
  unsigned char pad = 0x80, zero = 0, l[8];
  sha1_update (s, &pad, 1);
  while (s->n != 56)
    sha1_update (s, &zero, 1);
  for (int i = 0; i < 8; i++)
    l[i] = (unsigned char) (bits >> (56 - 8 * i));
  sha1_update (s, l, 8);
  for (int i = 0; i < 5; i++)
  {
    out[4 * i] = (unsigned char) (s->h[i] >> 24);
    out[4 * i + 1] = (unsigned char) (s->h[i] >> 16);
    out[4 * i + 2] = (unsigned char) (s->h[i] >> 8);
    out[4 * i + 3] = (unsigned char) s->h[i];
  }
  sodium_memzero (s, sizeof *s);
}

static void
hmac_sha1 (const unsigned char *key, size_t klen, const unsigned char *msg,
           size_t mlen, unsigned char out[20])
{
  unsigned char k[64] = { 0 }, ipad[64], opad[64], inner[20];
  struct sha1 s;
  if (klen > 64)
  {
    sha1_init (&s);
    sha1_update (&s, key, klen);
    sha1_final (&s, k);
  }
  else
    memcpy (k, key, klen);
  for (int i = 0; i < 64; i++)
  {
    ipad[i] = k[i] ^ 0x36;
    opad[i] = k[i] ^ 0x5c;
  }
  sha1_init (&s);
  sha1_update (&s, ipad, 64);
  sha1_update (&s, msg, mlen);
  sha1_final (&s, inner);
  sha1_init (&s);
  sha1_update (&s, opad, 64);
  sha1_update (&s, inner, 20);
  sha1_final (&s, out);
  sodium_memzero (k, sizeof k);
  sodium_memzero (ipad, sizeof ipad);
  sodium_memzero (opad, sizeof opad);
}

void
vault_totp_code (const unsigned char *secret, size_t len, uint64_t step,
                 char out[7])
{
  unsigned char msg[8], mac[20];
  for (int i = 0; i < 8; i++)
    msg[i] = (unsigned char) (step >> (56 - 8 * i));
  hmac_sha1 (secret, len, msg, 8, mac);
  int off = mac[19] & 0x0f;
  uint32_t bin = ((uint32_t) (mac[off] & 0x7f) << 24)
                 | ((uint32_t) mac[off + 1] << 16)
                 | ((uint32_t) mac[off + 2] << 8) | mac[off + 3];
  snprintf (out, 7, "%06u", bin % 1000000u);
}

int64_t
vault_totp_check (const unsigned char *secret, size_t len, uint64_t now,
                  const char *code)
{
  char want[7];
  int64_t found = -1;
  if (NULL == code || 6 != strlen (code))
    return -1;
  uint64_t step = now / 30;
  /* Check every candidate so the time taken does not depend on which one
     matched. */
  for (int d = -1; d <= 1; d++)
  {
    vault_totp_code (secret, len, step + (uint64_t) (int64_t) d, want);
    if (0 == sodium_memcmp (want, code, 6))
      found = (int64_t) (step + (uint64_t) (int64_t) d);
  }
  return found;
}
