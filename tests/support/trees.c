/* Report trees written by the tests themselves (trees.h). */
#include "trees.h"

void
tree_open_paragraph(FILE *f)
{
    fputs("{\"format\": \"ndvr-tree\", \"version\": 1, \"document\": {\"address\": \"A/74/90\", "
          "\"kind\": \"document\", \"title\": \"t\", \"symbol\": \"A/74/90\", \"children\": "
          "[{\"address\": \"A/74/90#p1\", \"kind\": \"paragraph\", \"text\": \"",
          f);
}

void
tree_close_paragraph(FILE *f)
{
    fputs("\"}]}, \"countries\": []}\n", f);
}

bool
tree_write_big_paragraph(const char *path, int reps)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return false;
    tree_open_paragraph(f);
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < 40; i++)
            fputs("核裁军核查", f);
        fputs(" verification ", f);
    }
    tree_close_paragraph(f);
    return fclose(f) == 0;
}
