/* Replacing a file so that, whatever happens (a crash, SIGKILL, a full disk), it holds either
 * the old or the new contents, never a mix; and the lock that serialises writers.
 *
 * atomic_write() writes NAME.tmp.<pid> in the same directory, fsyncs it, renames it over NAME
 * and fsyncs the directory. A process killed before the rename leaves NAME untouched and,
 * at worst, a temporary file behind, which atomic_remove_temps() clears later. Writers are
 * expected to hold the directory's lock (atomic_lock()), so that a temporary file seen under
 * the lock is always a leftover. */
#ifndef NDVR_STATE_ATOMIC_H
#define NDVR_STATE_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/* How long atomic_lock() waits for another process before it gives up. */
#define ATOMIC_LOCK_TIMEOUT_MS 10000

/* Replaces path with data[0..nbytes) (mode 0600). On failure path is unchanged, the temporary
 * file is removed, and d (whose file is path) says what went wrong. */
bool atomic_write(const char *path, const char *data, size_t nbytes, struct diag *d);

/* True when name is a temporary file atomic_write() makes for `target` (a base name). */
bool atomic_is_temp(const char *name, const char *target);

/* Removes the temporary files of `target` (a base name) left in dir by killed writers. Call
 * it only while holding the lock. */
void atomic_remove_temps(const char *dir, const char *target);

/* Takes an exclusive flock() on lock_path (created when missing), waiting up to
 * ATOMIC_LOCK_TIMEOUT_MS. Returns the descriptor to hand to atomic_unlock(), or -1 with d
 * filled. The kernel drops the lock when the process dies, even by SIGKILL. */
int atomic_lock(const char *lock_path, struct diag *d);
/* Releases and closes; -1 is a no-op. */
void atomic_unlock(int fd);

#endif
