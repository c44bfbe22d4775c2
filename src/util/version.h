/* The version text of ndvr and ndvr-segment: name, version, copyright and licence, as GNU
 * programs print them for --version. */
#ifndef NDVR_VERSION_H
#define NDVR_VERSION_H

#include <stdio.h>

/* The licence of the code (the bundled UN texts are not under it: README, debian/copyright). */
#define VERSION_LICENSE "Apache-2.0"

/* Writes program's --version text to f. */
void version_print(FILE *f, const char *program);

#endif
