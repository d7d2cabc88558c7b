/*
 * init_internal.h - what the files of "uplift init" share inside the
 * library (init.c, the scan; init_notes.c, its notes). Not installed.
 */
#ifndef UPLIFT_INIT_INTERNAL_H
#define UPLIFT_INIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_init.h"

/* Add a note (printf-style) to in; false when out of memory. */
bool uplift_init_note(struct uplift_init *in, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The headers of f, comma-separated, cut with "…" to size, into buf. Returns buf. */
const char *uplift_init_header_list(const struct uplift_init_file *f, char *buf, size_t size);

/* The notes about the files once all are read: headers, missing columns, times; false when out of
 * memory. */
bool uplift_init_file_notes(struct uplift_init *in);

#endif
