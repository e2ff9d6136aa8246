/* Error codes from errors.def: the enum and lookups into its table. */
#ifndef WADAH_ERRORS_H
#define WADAH_ERRORS_H

enum err_code {
#define X(name, status, code, id, en) name,
#include "errors.def"
#undef X
  ERR__COUNT
};

unsigned int err_status (enum err_code e);
const char *err_code_str (enum err_code e);
const char *err_message (enum err_code e); /* Bahasa Indonesia */
const char *err_message_en (enum err_code e);
#endif
