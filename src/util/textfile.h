/* Reading whole files into memory, with a size cap against hostile input. */
#ifndef NDVR_TEXTFILE_H
#define NDVR_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

#define TEXTFILE_MAX_BYTES (64u * 1024u * 1024u)

/* Reads `path` into a NUL-terminated buffer the caller frees; *nbytes excludes the NUL.
 * On failure returns NULL and fills d. */
char *textfile_read(const char *path, size_t *nbytes, struct diag *d);

#endif
