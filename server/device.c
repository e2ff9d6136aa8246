/* See device.h. */
#include "device.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static unsigned char device_key[crypto_generichash_KEYBYTES];
static pthread_once_t device_once = PTHREAD_ONCE_INIT;

static void
device_init (void)
{
  randombytes_buf (device_key, sizeof device_key);
}

static void
mac_of (uint64_t issued, unsigned char mac[16])
{
  unsigned char msg[8 + 7];
  memcpy (msg, "device:", 7);
  for (int i = 0; i < 8; i++)
    msg[7 + i] = (unsigned char) (issued >> (8 * i));
  crypto_generichash (mac, 16, msg, sizeof msg, device_key,
                      sizeof device_key);
}

void
device_token_make (char out[DEVICE_TOKEN_LEN], int64_t now)
{
  unsigned char mac[16];
  pthread_once (&device_once, &device_init);
  mac_of ((uint64_t) now, mac);
  snprintf (out, 17, "%016llx", (unsigned long long) now);
  sodium_bin2hex (out + 16, 33, mac, sizeof mac);
}

bool
device_token_valid (const char *tok, int64_t now)
{
  unsigned long long issued;
  unsigned char mac[16], want[16];
  size_t n;
  pthread_once (&device_once, &device_init);
  if (NULL == tok || DEVICE_TOKEN_LEN - 1 != strlen (tok)
      || 1 != sscanf (tok, "%16llx", &issued)
      || 0 != sodium_hex2bin (mac, sizeof mac, tok + 16, 32, NULL, &n, NULL)
      || n != sizeof mac)
    return false;
  mac_of ((uint64_t) issued, want);
  return 0 == sodium_memcmp (mac, want, sizeof mac)
         && (int64_t) issued <= now && now - (int64_t) issued
                                         <= DEVICE_MAX_AGE;
}
