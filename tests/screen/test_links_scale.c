/* The reader over one paragraph with 3,000 footnote markers: every marker and every search hit
 * on screen keeps its style, at the start of the paragraph as at its end. Before, a block's
 * spans were its first 64 links, whichever line was drawn: the markers after them lost their
 * style and the search hits in such a paragraph were never highlighted. */
#include <criterion/criterion.h>
#include <stdio.h>

#include "screen.h"
#include "../support/trees.h"

enum { MARKERS = 3000 };

static char dir[128];

/* One reference to fn1 per "1" of the paragraph: after "核裁军核查" (15 bytes), so the i-th
 * marker is at byte 16 i + 15. */
static void
write_refs(FILE *f)
{
    for (int i = 0; i < MARKERS; i++)
        fprintf(f,
                "%s{\"to\": \"A/74/90#fn1\", \"kind\": \"footnote\", \"external\": false, "
                "\"at\": %d, \"len\": 1, \"in\": \"text\"}",
                i ? ", " : "", 16 * i + 15);
}

/* DIR/A-74-90.json: paragraph p1 of MARKERS x "核裁军核查1", the 1s markers of footnote 1. */
static void
make_corpus(void)
{
    scr_temp_dir(dir, sizeof dir, "ndvr-links-scale");
    char path[192];
    snprintf(path, sizeof path, "%s/A-74-90.json", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    tree_open_paragraph(f);
    for (int i = 0; i < MARKERS; i++)
        fputs("核裁军核查1", f);
    fputs("\", \"refs\": [", f);
    write_refs(f);
    fputs("]}, {\"address\": \"A/74/90#fn1\", \"kind\": \"footnote\", \"label\": \"¹\", "
          "\"number\": 1, \"text\": \"脚注。\"}]}, \"countries\": []}\n",
          f);
    cr_assert_eq(fclose(f), 0);
}

static void
remove_corpus(void)
{
    scr_remove_dir(dir);
}

TestSuite(links_scale, .init = make_corpus, .fini = remove_corpus);

static bool
cell_plain(struct vt *vt, int row, int col)
{
    return !vt_cell_attr(vt, row, col, VT_REVERSE) && !vt_cell_attr(vt, row, col, VT_UNDERLINE) &&
           vt_cell_fg(vt, row, col) == VT_COLOR_DEFAULT &&
           vt_cell_bg(vt, row, col) == VT_COLOR_DEFAULT;
}

/* Over the text rows: every ¹ (a marker) is styled, every 裁 is plain, and every 查 is
 * highlighted when a search is shown, plain when not; at least min markers. */
static void
expect_styles(struct vt *vt, bool searched, int min)
{
    int markers = 0;
    for (int r = 0; r < vt_rows(vt) - 2; r++)
        for (int c = 0; c < vt_cols(vt); c++) {
            uint32_t ch = vt_cell_char(vt, r, c);
            if (ch == 0xB9) { /* ¹ */
                markers++;
                cr_expect_not(cell_plain(vt, r, c), "the marker at %d,%d is plain", r, c);
            } else if (ch == 0x88C1) { /* 裁 */
                cr_expect(cell_plain(vt, r, c), "裁 at %d,%d is styled", r, c);
            } else if (ch == 0x67E5) { /* 查: ends a hit */
                cr_expect(searched != cell_plain(vt, r, c), "查 at %d,%d: %s", r, c,
                          searched ? "not highlighted" : "highlighted");
            }
        }
    cr_expect_geq(markers, min, "%d markers on screen\n%s", markers, vt_dump(vt));
}

Test(links_scale, markers_and_hits_keep_their_style_through_the_paragraph)
{
    const char *args[] = {"--corpus", dir, NULL};
    struct vt *vt = scr_open(24, 80, "A/74/90#p1", args, NULL);
    scr_settle(vt, "核裁军核查");
    expect_styles(vt, false, 50);
    vt_send(vt, "/核查\r");
    scr_settle(vt, "match 1 of 3000");
    expect_styles(vt, true, 50);
    vt_send(vt, "G");
    scr_settle(vt, "¹ 脚注。");
    expect_styles(vt, true, 20); /* the paragraph's last lines, footnote below */
    scr_quit(vt, "q");
}
