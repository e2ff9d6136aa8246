/* UTF-8 checks used on every text value before it reaches a form. */
#include "utf8.h"

size_t
utf8_seq_len (const unsigned char *p, const unsigned char *end)
{
  unsigned char c = *p;
  unsigned int cp;
  size_t n;
  if (c >= 0xc2 && c <= 0xdf) { cp = c & 0x1f; n = 2; }
  else if (c >= 0xe0 && c <= 0xef) { cp = c & 0x0f; n = 3; }
  else if (c >= 0xf0 && c <= 0xf4) { cp = c & 0x07; n = 4; }
  else return 0;
  if ((size_t) (end - p) < n)
    return 0;
  for (size_t i = 1; i < n; i++)
  {
    if ((p[i] & 0xc0) != 0x80)
      return 0;
    cp = (cp << 6) | (p[i] & 0x3f);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)
      || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

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
    size_t n = utf8_seq_len (p, end);
    if (0 == n)
      return false;
    p += n;
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
