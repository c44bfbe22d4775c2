/* Opening user files for reading only when they are regular files: a FIFO, a device or a
 * directory put where a file is expected is an error, never a hang. */
#ifndef NDVR_REGFILE_H
#define NDVR_REGFILE_H

#include <stdio.h>

#include "util/diag.h"

/* Opens path read-only (close-on-exec). The open itself is non-blocking, so that a FIFO
 * without a writer cannot block it, and the descriptor is checked with fstat() before
 * anything is read; a regular file's descriptor is then made blocking again.
 * Returns the descriptor, which the caller closes, or -1 with d filled ("cannot open: why",
 * "is a directory", "not a regular file") and errno set: the open's error (ENOENT for a
 * missing file), EISDIR for a directory, EINVAL for anything else that is not a regular
 * file. */
int regfile_open(const char *path, struct diag *d);

/* The same as a stream ("rb"), which the caller fcloses; NULL with d and errno filled. */
FILE *regfile_fopen(const char *path, struct diag *d);

#endif
