/* UTF-8 checks used on every text value before it reaches a form. */
#include "utf8.h"

bool
utf8_valid_text (const char *s, size_t len)
{
  const unsigned char *p = (const unsigned char *) s;
  const unsigned char *end = p + len;

  while (p < end)
  {
    unsigned char c = *p;
    if (c < 0x80)
    {
      if (c == 0x7f || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
        return false;
      p++;
      continue;
    }
    unsigned int cp;
    int n;
    if (c >= 0xc2 && c <= 0xdf) { cp = c & 0x1f; n = 1; }
    else if (c >= 0xe0 && c <= 0xef) { cp = c & 0x0f; n = 2; }
    else if (c >= 0xf0 && c <= 0xf4) { cp = c & 0x07; n = 3; }
    else return false;
    if (end - p <= n)
      return false;
    for (int i = 1; i <= n; i++)
    {
      if ((p[i] & 0xc0) != 0x80)
        return false;
      cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)
        || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    p += n + 1;
  }
  return true;
}

size_t
utf8_length (const char *s)
{
  size_t n = 0;
  for (; *s; s++)
    if ((*s & 0xc0) != 0x80)
      n++;
  return n;
}
