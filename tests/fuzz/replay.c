/* The plain driver of a fuzz target: feeds it every file named on the command line, and every
 * file in every directory named (in name order), once each, as libFuzzer would replay them.
 * ctest runs it over the target's seeds and saved crashers (tests/fuzz/README). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util/textfile.h"

static int
replay_file(const char *path)
{
    struct diag d = {0};
    size_t n = 0;
    char *data = textfile_read(path, &n, &d);
    if (data == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, d.msg);
        return 1;
    }
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
    LLVMFuzzerTestOneInput((const uint8_t *)data, n);
    free(data);
    return 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int
skip_dots(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* Every file of dir; how many could not be read. */
static int
replay_dir(const char *dir, size_t *count)
{
    struct dirent **names;
    int n = scandir(dir, &names, skip_dots, by_name);
    if (n < 0) {
        fprintf(stderr, "replay: cannot read %s\n", dir);
        return 1;
    }
    int bad = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
        char *path = malloc(len);
        snprintf(path, len, "%s/%s", dir, names[i]->d_name);
        bad += replay_file(path);
        (*count)++;
        free(path);
        free(names[i]);
    }
    free(names);
    return bad;
}

int
main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    size_t count = 0;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            bad += replay_dir(argv[i], &count);
        } else {
            bad += replay_file(argv[i]);
            count++;
        }
    }
    fprintf(stderr, "replay: %zu inputs, %lu accepted, %d unreadable\n", count, fuzz_accepted, bad);
    return bad == 0 && count > 0 ? 0 : 1;
}
