/* Strict UTF-8 validation (no overlongs, no surrogates, <= U+10FFFF). */
#ifndef WADAH_UTF8_H
#define WADAH_UTF8_H
#include <stdbool.h>
#include <stddef.h>

/* True when S[0..LEN) is well-formed UTF-8 with no NUL and no C0 control
   other than TAB, LF and CR. */
bool utf8_valid_text (const char *s, size_t len);
/* Length (2-4) of the well-formed multi-byte sequence at P, which ends
   before END: no overlong forms, no surrogates, nothing above U+10FFFF;
   0 when it is not one. */
size_t utf8_seq_len (const unsigned char *p, const unsigned char *end);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_length (const char *s);
#endif
