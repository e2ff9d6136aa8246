/*
 * The document tree's arena and builders (doc.h).  A document allocates a
 * few thousand small strings and cells and frees them all together, so an
 * arena of 64 KiB chunks keeps that cheap and leak-free.
 */
#include "doc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rd_arena_chunk {
  struct rd_arena_chunk *next;
  size_t used, cap;
  max_align_t data[];
};

#define RD_CHUNK (64 * 1024)

void *
rd_alloc (struct rd_arena *a, size_t size)
{
  size = (size + _Alignof (max_align_t) - 1) & ~(_Alignof (max_align_t) - 1);
  struct rd_arena_chunk *c = a->head;
  if (NULL == c || c->cap - c->used < size)
  {
    size_t cap = size > RD_CHUNK ? size : RD_CHUNK;
    c = malloc (sizeof *c + cap);
    if (NULL == c)
    {
      a->oom = true;
      return NULL;
    }
    c->used = 0;
    c->cap = cap;
    c->next = a->head;
    a->head = c;
  }
  void *p = (char *) c->data + c->used;
  c->used += size;
  memset (p, 0, size);
  return p;
}

char *
rd_strdup (struct rd_arena *a, const char *s)
{
  if (NULL == s)
    return NULL;
  size_t n = strlen (s) + 1;
  char *p = rd_alloc (a, n);
  if (p)
    memcpy (p, s, n);
  return p;
}

char *
rd_printf (struct rd_arena *a, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (NULL, 0, fmt, ap);
  va_end (ap);
  if (n < 0)
    return NULL;
  char *p = rd_alloc (a, (size_t) n + 1);
  if (NULL == p)
    return NULL;
  va_start (ap, fmt);
  vsnprintf (p, (size_t) n + 1, fmt, ap);
  va_end (ap);
  return p;
}

void
rd_arena_free (struct rd_arena *a)
{
  struct rd_arena_chunk *c = a->head;
  while (c)
  {
    struct rd_arena_chunk *n = c->next;
    free (c);
    c = n;
  }
  a->head = NULL;
}

void
rd_doc_init (struct rd_doc *d)
{
  memset (d, 0, sizeof *d);
}

void
rd_doc_free (struct rd_doc *d)
{
  free (d->blocks);
  rd_arena_free (&d->arena);
  memset (d, 0, sizeof *d);
}

struct rd_block *
rd_add (struct rd_doc *d, enum rd_kind kind)
{
  if (d->n_blocks == d->cap_blocks)
  {
    size_t cap = d->cap_blocks ? 2 * d->cap_blocks : 64;
    struct rd_block *b = realloc (d->blocks, cap * sizeof *b);
    if (NULL == b)
    {
      d->arena.oom = true;
      return NULL;
    }
    d->blocks = b;
    d->cap_blocks = cap;
  }
  struct rd_block *b = &d->blocks[d->n_blocks++];
  memset (b, 0, sizeof *b);
  b->kind = kind;
  return b;
}

void
rd_heading (struct rd_doc *d, int level, const char *text)
{
  struct rd_block *b = rd_add (d, RD_HEADING);
  if (b)
  {
    b->level = level;
    b->text = rd_strdup (&d->arena, text);
  }
}

void
rd_para (struct rd_doc *d, const char *text)
{
  struct rd_block *b = rd_add (d, RD_PARA);
  if (b)
    b->text = rd_strdup (&d->arena, text);
}

struct rd_table *
rd_table_new (struct rd_doc *d, const char *key, size_t n_cols,
              size_t n_rows)
{
  struct rd_table *t = rd_alloc (&d->arena, sizeof *t);
  if (NULL == t)
    return NULL;
  t->key = rd_strdup (&d->arena, key);
  t->n_cols = n_cols;
  t->n_rows = n_rows;
  t->headers = rd_alloc (&d->arena, n_cols * sizeof *t->headers);
  double *w = rd_alloc (&d->arena, n_cols * sizeof *w);
  for (size_t i = 0; w && i < n_cols; i++)
    w[i] = 1;
  t->widths = w;
  t->align = rd_alloc (&d->arena, n_cols * sizeof *t->align);
  t->cells = rd_alloc (&d->arena, (n_rows ? n_rows : 1) * n_cols
                       * sizeof *t->cells);
  if (NULL == t->headers || NULL == w || NULL == t->align
      || NULL == t->cells)
    return NULL;
  return t;
}

void
rd_cell_text (struct rd_doc *d, struct rd_table *t, size_t row, size_t col,
              const char *text)
{
  struct rd_cell *c = rd_table_cell (t, row, col);
  c->text = rd_strdup (&d->arena, text ? text : "");
  c->numeric = false;
}

void
rd_cell_num (struct rd_doc *d, struct rd_table *t, size_t row, size_t col,
             const char *text, double value, int decimals,
             const char *formula)
{
  struct rd_cell *c = rd_table_cell (t, row, col);
  c->text = rd_strdup (&d->arena, text);
  c->numeric = true;
  c->value = value;
  c->decimals = decimals;
  c->formula = rd_strdup (&d->arena, formula);
}

void
rd_ref (size_t row, size_t col, char out[16])
{
  char letters[8];
  size_t n = 0;
  size_t c = col + 1;
  while (c > 0 && n < sizeof letters)
  {
    c--;
    letters[n++] = (char) ('A' + c % 26);
    c /= 26;
  }
  size_t o = 0;
  while (n > 0)
    out[o++] = letters[--n];
  snprintf (out + o, 16 - o, "%zu", row + RD_XLSX_FIRST_ROW);
}
