/* See qr.h. */
#include "qr.h"
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

bool
rd_qr (const char *text, int *n, unsigned char **modules)
{
  *modules = NULL;
  *n = 0;
  if (NULL == text || ! *text || strlen (text) > 1000)
    return false;
  QRcode *q = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (NULL == q)
    return false;
  size_t w = (size_t) q->width;
  unsigned char *m = malloc (w * w);
  if (m)
    for (size_t i = 0; i < w * w; i++)
      m[i] = q->data[i] & 1;
  *n = q->width;
  QRcode_free (q);
  *modules = m;
  return NULL != m;
}
