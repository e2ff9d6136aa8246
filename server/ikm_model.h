/*
 * The survey results model of API.md (GET /api/v1/u/{unit}/ikm): the IKM
 * of a unit for a period, per unsur, per service type, with the
 * distribution and the minimum sample.  One builder for the API, the
 * public page and the reports (D1 T9, D5), so they cannot disagree.
 */
#ifndef WADAH_IKM_MODEL_H
#define WADAH_IKM_MODEL_H
#include "app.h"
#include "ikm.h"
#include <jansson.h>

/* The model (caller owns it); NULL with *ST set on a store failure. */
json_t *ikm_model (struct app *app, const struct unit *unit,
                   const struct period *p, enum store_status *st);
#endif
