/* Running a program (usually the real ndvr) from a Criterion test and collecting its exit
 * status, standard output and standard error. */
#ifndef NDVR_TEST_RUN_H
#define NDVR_TEST_RUN_H

#include <stddef.h>

struct run {
    int status;      /* exit status, or -1 when the program did not exit normally */
    char *out, *err; /* NUL-terminated; they may hold NULs too: see nout, nerr */
    size_t nout, nerr;
};

/* Runs path with args (NULL-terminated, without argv[0]) after applying env in the child:
 * "NAME=value" sets, "NAME=" unsets (env may be NULL). Fails the test when it cannot. */
struct run run_program(const char *path, const char *const *args, const char *const *env);
void run_free(struct run *r);

#endif
