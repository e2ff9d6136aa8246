/*
 * Staff roles (API.md): bits of a mask, and their names.  A user may hold
 * several.
 */
#ifndef WADAH_ROLES_H
#define WADAH_ROLES_H
#include <stdbool.h>
#include <stddef.h>

enum role {
  ROLE_ADMIN = 1u << 0,
  ROLE_PETUGAS_PENGADUAN = 1u << 1,
  ROLE_PENGELOLA_WBS = 1u << 2,
  ROLE_CUSTODIAN = 1u << 3,
  ROLE_TIM_ZI = 1u << 4,
  ROLE_PIMPINAN = 1u << 5,
};
#define ROLE_ALL 0x3fu

/* The role named NAME, or 0. */
unsigned int role_from_name (const char *name);
/* The name of a single role bit. */
const char *role_name (unsigned int role);
/* Each role of MASK in a fixed order: call with i = 0, 1, ... until NULL. */
const char *role_nth (unsigned int mask, size_t i);
/* Bahasa Indonesia label of a single role bit. */
const char *role_label (unsigned int role);

/* Unit key kinds. */
enum key_kind { KEY_IDENTITY = 0, KEY_WBS = 1 };
#define KEY_KINDS 2
const char *key_kind_name (enum key_kind k);
/* -1 when unknown. */
int key_kind_from_name (const char *name);
/* Roles that may be granted a unit key of kind K. */
unsigned int key_kind_roles (enum key_kind k);
#endif
