/* The generic list: filtering by folded text, and the memory a list that is never filtered
 * spares (the search results at 100 times the seeds hold 63,600 rows). */
#include <criterion/criterion.h>

#include "pane/list.h"

static struct list l;

static void
fill(void)
{
    list_init(&l, "title");
    list_add_heading(&l, "Ａ section");
    list_add(&l, "核查 Verification", 1);
    list_add(&l, "ＧＥ－ＮＤＶ/2018/12", 2);
    list_add(&l, "挪威", 3);
}

static void
empty(void)
{
    list_fini(&l);
}

TestSuite(list, .init = fill, .fini = empty);

Test(list, rows_are_folded_only_when_filtered)
{
    for (size_t i = 0; i < l.n; i++)
        cr_expect_null(l.rows[i].key.key, "row %zu folded before any filter", i);
    list_filter(&l, "verif");
    for (size_t i = 0; i < l.n; i++)
        if (!l.rows[i].heading)
            cr_expect_not_null(l.rows[i].key.key, "row %zu not folded by the filter", i);
}

Test(list, a_filter_matches_folded_text)
{
    list_filter(&l, "VERIFICATION");
    cr_expect_eq(l.c.n, 2, "the heading and 核查 Verification");
    cr_expect_eq(list_current(&l)->id, 1);
    list_filter(&l, "ge-ndv/2018"); /* the row is in fullwidth forms */
    cr_expect_eq(list_current(&l)->id, 2);
    list_filter(&l, "");
    cr_expect_eq(l.c.n, 4);
}
