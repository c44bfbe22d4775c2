/* The --version text shared by the programs. */
#include "util/version.h"

void
version_print(FILE *f, const char *program)
{
    fprintf(f,
            "%s %s\n"
            "Copyright (C) 2026 the ndvr contributors.\n"
            "License " VERSION_LICENSE ": <https://www.apache.org/licenses/LICENSE-2.0>.\n"
            "This is free software: you may use, change and share it under that licence.\n"
            "There is NO WARRANTY, to the extent permitted by law.\n"
            "The bundled texts of A/74/90 and A/72/304 are United Nations documents, not\n"
            "covered by this licence.\n",
            program, NDVR_VERSION);
}
