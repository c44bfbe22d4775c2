/* The generic list: filtering by folded text, and the memory a list that is never filtered
 * spares (the search results at 100 times the seeds hold 63,600 rows). */
#include <criterion/criterion.h>

#include <stdio.h>

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

/* Lazy rows are made when drawn or filtered, not when added: a search with tens of thousands of
 * hits builds a page of rows, not all of them. */
static size_t nfilled;

static void
fill_numbered(struct list *list, struct list_row *r, void *arg)
{
    (void)list;
    char text[64];
    snprintf(text, sizeof text, "%s %zu", (const char *)arg, r->id);
    list_row_set(r, text, 0, 3);
    nfilled++;
}

Test(list, lazy_rows_are_made_when_needed)
{
    struct list lazy;
    list_init(&lazy, "hits");
    lazy.fill = fill_numbered;
    static char word[] = "hit";
    lazy.fill_arg = word;
    for (size_t i = 0; i < 1000; i++)
        list_add_lazy(&lazy, i);
    cr_expect_eq(nfilled, 0, "nothing made when added");
    cr_expect_null(lazy.rows[5].text);
    cr_expect_eq(list_current(&lazy)->id, 0);
    list_filter(&lazy, "hit 99");
    cr_expect_eq(nfilled, 1000, "a filter reads every row");
    cr_expect_eq(lazy.c.n, 11, "hit 99 and hit 990 to 999");
    cr_expect_str_eq(lazy.rows[99].text, "hit 99");
    cr_expect_eq(lazy.rows[99].mark_end, 3);
    list_filter(&lazy, "");
    cr_expect_eq(nfilled, 1000, "each row made once");
    list_fini(&lazy);
}
