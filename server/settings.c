/* See settings.h. */
#include "settings.h"
#include "roles.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const unit_setting_keys[] = {
  "hk_verify", "hk_followup", "hk_autoclose", "hk_wbs_ack", "hk_wbs_review",
  "hk_wbs_investigation", "received_max_days", "rahasia_roles",
  "wbs_identity_approval", "wbs_report_names", "public_url", NULL
};

const char unit_setting_help[] =
  "hk_verify, hk_followup, hk_autoclose, hk_wbs_ack, hk_wbs_review,"
  " hk_wbs_investigation (working days, 1-365), received_max_days (days an"
  " officer may date a complaint back, 1-365), rahasia_roles (roles),"
  " wbs_identity_approval (none | custodian), wbs_report_names (yes | no),"
  " public_url (the address citizens reach this server at, https://...,"
  " for the QR codes of the documents)";

const char *
unit_setting_problem (const char *key, const char *value, char *why,
                      size_t cap)
{
  bool known = false;
  for (size_t i = 0; key && unit_setting_keys[i]; i++)
    known = known || 0 == strcmp (key, unit_setting_keys[i]);
  if (! known)
    return "unknown setting";
  if (NULL == value)
    return "no value";
  if (0 == strncmp (key, "hk_", 3) || 0 == strcmp (key, "received_max_days"))
  {
    char *end;
    long v = strtol (value, &end, 10);
    if (! *value || *end || v < 1 || v > 365)
      return "must be a whole number of days, 1-365";
    return NULL;
  }
  if (0 == strcmp (key, "wbs_identity_approval"))
    return strcmp (value, "custodian") && strcmp (value, "none")
           ? "must be custodian or none" : NULL;
  if (0 == strcmp (key, "public_url"))
  {
    size_t n = strlen (value);
    if (n > 200 || (strncmp (value, "https://", 8)
                    && strncmp (value, "http://", 7)))
      return "must be an http:// or https:// address of at most 200"
             " characters";
    for (const char *c = value; *c; c++)
      if ((unsigned char) *c <= ' ' || *c == '"' || *c == '<' || *c == '>')
        return "must not contain spaces, quotes or angle brackets";
    return NULL;
  }
  if (0 == strcmp (key, "wbs_report_names"))
    return strcmp (value, "yes") && strcmp (value, "no")
           ? "must be yes or no" : NULL;
  /* rahasia_roles */
  char roles[200];
  if (strlen (value) >= sizeof roles)
    return "too long";
  snprintf (roles, sizeof roles, "%s", value);
  for (char *save = NULL, *t = strtok_r (roles, ",", &save); t;
       t = strtok_r (NULL, ",", &save))
    if (0 == role_from_name (t))
    {
      snprintf (why, cap, "unknown role '%s'", t);
      return why;
    }
  return NULL;
}
