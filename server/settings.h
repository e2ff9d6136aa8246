/*
 * The unit settings an administrator may set (wadah unit setting, the
 * import file's "settings"): one list and one check, so the command line
 * and the importer accept exactly the same keys and values.
 */
#ifndef WADAH_SETTINGS_H
#define WADAH_SETTINGS_H
#include <stdbool.h>
#include <stddef.h>

/* The known keys, NULL-terminated, and a one-line help text naming them. */
extern const char *const unit_setting_keys[];
extern const char unit_setting_help[];
/* NULL when VALUE is acceptable for KEY, else why not (English, static or
   in WHY of CAP bytes). */
const char *unit_setting_problem (const char *key, const char *value,
                                  char *why, size_t cap);
#endif
