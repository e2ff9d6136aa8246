/* See roles.h. */
#include "roles.h"
#include <string.h>

static const struct {
  unsigned int bit;
  const char *name, *label;
} roles[] = {
  { ROLE_ADMIN, "admin", "Administrator" },
  { ROLE_PETUGAS_PENGADUAN, "petugas_pengaduan", "Petugas pengaduan" },
  { ROLE_PENGELOLA_WBS, "pengelola_wbs", "Pengelola WBS" },
  { ROLE_CUSTODIAN, "custodian", "Kustodian" },
  { ROLE_TIM_ZI, "tim_zi", "Tim Zona Integritas" },
  { ROLE_PIMPINAN, "pimpinan", "Pimpinan" },
};
#define N_ROLES (sizeof roles / sizeof roles[0])

unsigned int
role_from_name (const char *name)
{
  for (size_t i = 0; i < N_ROLES; i++)
    if (name && 0 == strcmp (name, roles[i].name))
      return roles[i].bit;
  return 0;
}

const char *
role_name (unsigned int role)
{
  for (size_t i = 0; i < N_ROLES; i++)
    if (roles[i].bit == role)
      return roles[i].name;
  return "?";
}

const char *
role_label (unsigned int role)
{
  for (size_t i = 0; i < N_ROLES; i++)
    if (roles[i].bit == role)
      return roles[i].label;
  return "?";
}

const char *
role_nth (unsigned int mask, size_t n)
{
  for (size_t i = 0; i < N_ROLES; i++)
    if (mask & roles[i].bit)
    {
      if (0 == n)
        return roles[i].name;
      n--;
    }
  return NULL;
}

const char *
key_kind_name (enum key_kind k)
{
  return k == KEY_WBS ? "wbs" : "identity";
}

int
key_kind_from_name (const char *name)
{
  if (name && 0 == strcmp (name, "identity"))
    return KEY_IDENTITY;
  if (name && 0 == strcmp (name, "wbs"))
    return KEY_WBS;
  return -1;
}

unsigned int
key_kind_roles (enum key_kind k)
{
  /* Complaint officers read identities, WBS managers read reports; an
     admin holds either only when explicitly granted. */
  return k == KEY_WBS ? (ROLE_PENGELOLA_WBS | ROLE_ADMIN)
                      : (ROLE_PETUGAS_PENGADUAN | ROLE_ADMIN);
}
