/* The table generated from errors.def. */
#include "errors.h"

static const struct {
  unsigned int status;
  const char *code, *id, *en;
} err_table[] = {
#define X(name, status, code, id, en) { status, code, id, en },
#include "errors.def"
#undef X
};

unsigned int err_status (enum err_code e) { return err_table[e].status; }
const char *err_code_str (enum err_code e) { return err_table[e].code; }
const char *err_message (enum err_code e) { return err_table[e].id; }
const char *err_message_en (enum err_code e) { return err_table[e].en; }
