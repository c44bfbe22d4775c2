/* Screen tests of the views: the experts table, the working papers, country dossiers. Each ends
 * with Q, which quits from any view (q only closes one). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

/* --- Experts ------------------------------------------------------------------------------ */

Test(views, experts_table_with_sessions_as_columns_at_120x40)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    /* Mexico: session 2 is a blank cell for both experts, not a missing row */
    char *aguirre = scr_row_with(vt, "Jaime Aguirre Gómez");
    char *ramirez = scr_row_with(vt, "Sandra Paola Ramírez");
    int row, c1, c2;
    cr_assert(vt_find(vt, "1 2 3 Alt", &row, &c1)); /* the header, not the title's "1 2 3" */
    c2 = c1 + 2;
    int arow, acol, rrow, rcol;
    vt_find(vt, "Jaime Aguirre Gómez", &arow, &acol);
    vt_find(vt, "Sandra Paola Ramírez", &rrow, &rcol);
    cr_expect_eq(vt_cell_char(vt, arow, c1), 'x', "%s", aguirre);
    cr_expect_eq(vt_cell_char(vt, arow, c2), ' ', "%s", aguirre);
    cr_expect_eq(vt_cell_char(vt, rrow, c2), ' ', "%s", ramirez);
    cr_expect_eq(vt_cell_char(vt, rrow, c2 + 2), 'x', "%s", ramirez);
    free(aguirre);
    free(ramirez);
    scr_expect_on_screen(vt, "候补");
    scr_quit(vt, "Q");
}

Test(views, experts_sort_by_name_and_by_session)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    vt_send(vt, "s"); /* by name */
    vt_wait_quiet(vt, 0, 0);
    char *first = vt_row_text(vt, 2);
    cr_expect(strstr(first, "Abdessamad Tajerramt") != NULL, "%s", first);
    free(first);
    vt_send(vt, "ss"); /* session 1, then session 2: those who attended first, blanks last */
    vt_wait_quiet(vt, 0, 0);
    char *last = vt_row_text(vt, 2 + 32);
    cr_expect(strstr(last, "MEX") != NULL || strstr(last, "IDN") != NULL ||
                  strstr(last, "CHN") != NULL || strstr(last, "RUS") != NULL ||
                  strstr(last, "CHE") != NULL,
              "the last row should be an expert who missed session 2: %s", last);
    free(last);
    char *top = vt_row_text(vt, 2);
    cr_expect(strstr(top, "Djamel Moktefi") != NULL, "stable sort keeps list order: %s", top);
    free(top);
    scr_quit(vt, "Q");
}

Test(views, experts_filter_as_you_type_like_search)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "E");
    scr_settle(vt, "33 of 33");
    vt_send(vt, "/rus");
    scr_settle(vt, "3 of 33");
    vt_send(vt, "\033"); /* Escape clears the filter */
    scr_settle(vt, "33 of 33");
    vt_send(vt, "/ＭＥＸ"); /* full-width letters match the ISO code */
    scr_settle(vt, "2 of 33");
    vt_send(vt, "\r");
    vt_wait_quiet(vt, 0, 0);
    scr_expect_on_screen(vt, "Jaime Aguirre Gómez");
    vt_send(vt, "\r"); /* Enter: the expert's card */
    scr_settle(vt, "Listed at:  A/74/90#experts.MEX.1");
    scr_expect_on_screen(vt, "Country:    墨西哥 (MEX)");
    vt_send(vt, "D"); /* the dossier of the card's country */
    scr_settle(vt, "Experts:");
    scr_expect_on_screen(vt, "墨西哥 (MEX)");
    scr_expect_on_screen(vt, "Sandra Paola Ramírez");
    scr_quit(vt, "Q");
}

Test(views, an_experts_papers)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "E/langeland\r");
    scr_settle(vt, "1 of 33");
    vt_send(vt, "x");
    scr_settle(vt, "Working papers");
    scr_settle(vt, "GE-NDV/2019/3");
    scr_expect_on_screen(vt, "1 of 17");
    scr_quit(vt, "Q");
}

/* --- Working papers ----------------------------------------------------------------------- */

Test(views, papers_with_submitters_citations_and_the_uncited)
{
    struct vt *vt = scr_open(24, 80, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "W");
    scr_settle(vt, "17 of 17");
    char *uncited = scr_row_with(vt, "GE-NDV/2018/5");
    cr_expect(strstr(uncited, "not cited") != NULL, "%s", uncited);
    free(uncited);
    vt_send(vt, "/信托基金\r");
    scr_settle(vt, "1 of 17");
    vt_send(vt, "\r"); /* Enter: the paper's card, with where the report cites it */
    scr_settle(vt, "Submitters:");
    scr_expect_on_screen(vt, "A/74/90#fn9, cited by A/74/90#p14.4");
    /* Related: lists 2018/12 twice (two shared submitters), a link to the paper and one to
     * the expert each: five links back from the end is the citing item of p14 */
    scr_expect_on_screen(vt, "GE-NDV/2018/12  same submitter: David Chambers");
    for (int i = 0; i < 5; i++) {
        vt_send_key(vt, "BTab");
        vt_wait_quiet(vt, 0, 0);
    }
    vt_send(vt, "\r");
    scr_settle(vt, "¶14");
    vt_send(vt, "W/2019/3\rx"); /* x: its first submitter in the expert list */
    scr_settle(vt, "Grata Werdaningtyas");
    scr_quit(vt, "Q");
}

Test(views, papers_at_120x40)
{
    struct vt *vt = scr_open(40, 120, "A/74/90#summary", NULL, NULL);
    scr_settle(vt, "摘要");
    vt_send(vt, "W");
    scr_settle(vt, "17 of 17");
    char *row = scr_row_with(vt, "GE-NDV/2018/12");
    cr_expect(strstr(row, "David Chambers (GBR)") != NULL, "%s", row);
    cr_expect(strstr(row, "fn11 (p22), fn12 (p26)") != NULL, "%s", row);
    free(row);
    scr_quit(vt, "Q");
}

/* --- Dossiers ------------------------------------------------------------------------------- */

Test(views, dossier_of_norway)
{
    struct vt *vt = scr_open(40, 120, "NOR", NULL, NULL);
    scr_settle(vt, "挪威 (NOR)");
    vt_send(vt, "z"); /* the dossier alone, at full width */
    vt_wait_quiet(vt, 0, 0);
    scr_expect_on_screen(vt, "Knut Langeland, sessions 1, 2, 3");
    scr_expect_on_screen(vt, "GE-NDV/2019/3 核裁军核查信托基金");
    scr_expect_on_screen(vt, "A/72/304#NOR, 2017-07-31, 原件：英文");
    scr_expect_on_screen(vt, "挪威是关于核裁军核查的大会第 71/67 号决议的主要提案国之一");
    scr_expect_on_screen(vt, "Named in:");
    scr_quit(vt, "Q");
}

Test(views, dossier_of_mexico_at_80x24)
{
    struct vt *vt = scr_open(24, 80, "MEX", NULL, NULL);
    scr_settle(vt, "墨西哥 (MEX)");
    scr_expect_on_screen(vt, "Jaime Aguirre Gómez, sessions 1");
    scr_expect_on_screen(vt, "Sandra Paola Ramírez Valenzuela, sessions 3");
    scr_expect_on_screen(vt, "A/72/304#MEX, 2017-05-12, 原件：西班牙文");
    scr_quit(vt, "Q");
}

Test(views, dossier_of_the_united_kingdom)
{
    struct vt *vt = scr_open(40, 120, "GBR", NULL, NULL);
    scr_settle(vt, "大不列颠及北爱尔兰联合王国 (GBR)");
    scr_expect_on_screen(vt, "David Chambers, sessions 1, 2, 3");
    scr_expect_on_screen(vt, "GE-NDV/2018/12 核裁军核查——能力建设");
    scr_expect_on_screen(vt, "GE-NDV/2019/3 核裁军核查信托基金");
    scr_expect_on_screen(vt, "A/72/304#GBR, 2017-07-27, 原件：英文");
    scr_quit(vt, "Q");
}

Test(views, dossier_of_a_country_only_in_a_72_304)
{
    struct vt *vt = scr_open(24, 80, "AUS", NULL, NULL);
    scr_settle(vt, "澳大利亚 (AUS)");
    scr_expect_on_screen(vt, "Experts:    none");
    scr_expect_on_screen(vt, "A/72/304#AUS, 2017-05-23, 原件：英文");
    scr_quit(vt, "Q");
}

Test(views, dossier_from_a_response_with_d)
{
    struct vt *vt = scr_open(24, 80, "A/72/304#SWE.p3", NULL, NULL);
    scr_settle(vt, "SWE");
    vt_send(vt, "D");
    scr_settle(vt, "瑞典 (SWE)");
    vt_send_key(vt, "Backspace");
    scr_settle(vt, "SWE");
    scr_quit(vt, "Q");
}
