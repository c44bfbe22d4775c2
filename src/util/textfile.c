/* Reading whole files. */
#include "util/textfile.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/regfile.h"
#include "util/xalloc.h"

char *
textfile_read(const char *path, size_t *nbytes, struct diag *d)
{
    FILE *f = regfile_fopen(path, d);
    if (f == NULL)
        return NULL;
    size_t cap = 0, len = 0;
    char *buf = NULL;
    for (;;) {
        buf = xgrow(buf, &cap, len + 65536 + 1, 1);
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len > TEXTFILE_MAX_BYTES) {
            free(buf);
            fclose(f);
            diag_set(d, path, 0, 0, "file is larger than %u bytes", TEXTFILE_MAX_BYTES);
            return NULL;
        }
        if (n == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        diag_set(d, path, 0, 0, "read error");
        return NULL;
    }
    buf[len] = '\0';
    *nbytes = len;
    return buf;
}
