/* Tests of the facts file parser and its look-ups. */
#include <criterion/criterion.h>
#include <string.h>

#include "segment/facts.h"

static const char sample[] = "# comment line\n"
                             "country NOR 挪威\n"
                             "country GBR 大不列颠及北爱尔兰联合王国 联合王国 英国  # trailing\n"
                             "country IND 印度\n"
                             "country IDN 印度尼西亚\n"
                             "expert 比昂提诺 = Michael Biontino\n"
                             "honorific 先生 女士 大使\n"
                             "not-country 印度-太平洋\n"
                             "title A/72/304 = 核裁军核查：秘书长的报告\n"
                             "document A/72/304 A-72-304.zh.txt\n";

Test(facts, parses_every_kind_of_line)
{
    struct facts f;
    struct diag d = {0};
    cr_assert(facts_parse("t.txt", sample, &f, &d), "%s", d.msg);
    cr_assert_eq(f.ncountries, 4);
    cr_assert_str_eq(f.countries[1].iso3, "GBR");
    cr_assert_eq(f.countries[1].nnames, 3);
    cr_assert_str_eq(f.countries[1].names[2], "英国");
    cr_assert_str_eq(facts_expert_alias(&f, "比昂提诺", strlen("比昂提诺")), "Michael Biontino");
    cr_assert_null(facts_expert_alias(&f, "比昂", strlen("比昂")));
    cr_assert_str_eq(facts_title(&f, "A/72/304"), "核裁军核查：秘书长的报告");
    cr_assert_str_eq(facts_document_symbol(&f, "A-72-304.zh.txt"), "A/72/304");
    cr_assert(facts_is_document(&f, "A/72/304", 8));
    cr_assert_not(facts_is_document(&f, "A/72/30", 7));
    facts_free(&f);
}

Test(facts, country_matching_is_longest_and_respects_exceptions)
{
    struct facts f;
    struct diag d = {0};
    cr_assert(facts_parse("t.txt", sample, &f, &d));
    const struct facts_country *c;
    const char *s = "印度尼西亚和印度";
    cr_assert_eq(facts_match_country(&f, s, strlen(s), &c), strlen("印度尼西亚"));
    cr_assert_str_eq(c->iso3, "IDN");
    s = "印度-太平洋区域";
    cr_assert_eq(facts_match_country(&f, s, strlen(s), &c), 0);
    s = "联合王国-挪威倡议";
    cr_assert_eq(facts_match_country(&f, s, strlen(s), &c), strlen("联合王国"));
    cr_assert_str_eq(c->iso3, "GBR");
    cr_assert_str_eq(facts_country_named(&f, "英国", strlen("英国"))->iso3, "GBR");
    cr_assert_eq(facts_match_honorific(&f, "大使(挪威)", strlen("大使(挪威)")), strlen("大使"));
    facts_free(&f);
}

struct bad_case {
    const char *text;
    int line, col;
    const char *msg;
};

Test(facts, errors_name_line_and_column)
{
    static const struct bad_case cases[] = {
        {"country NOR 挪威\nfrobnicate x\n", 2, 1, "unknown keyword"},
        {"country nor 挪威\n", 1, 9, "country codes are upper-case letters"},
        {"country NORWAY 挪威\n", 1, 9, "expected an ISO 3166-1 alpha-3 code"},
        {"country NOR\n", 1, 12, "a country needs at least one name"},
        {"expert 比昂提诺 Michael\n", 1, 21, "expected `=`"},
        {"title A/72/304 =   \n", 1, 20, "missing value after `=`"},
        {"country NOR \xff\xfe\n", 1, 13, "invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct facts f;
        struct diag d = {0};
        cr_assert_not(facts_parse("f.txt", cases[i].text, &f, &d), "case %zu parsed", i);
        cr_expect_eq(d.line, cases[i].line, "case %zu: line %d", i, d.line);
        cr_expect_eq(d.col, cases[i].col, "case %zu: col %d", i, d.col);
        cr_expect(strstr(d.msg, cases[i].msg) != NULL, "case %zu: %s", i, d.msg);
        cr_assert_eq(f.ncountries, 0);
    }
}

Test(facts, the_real_facts_file_loads)
{
    struct facts f;
    struct diag d = {0};
    cr_assert(facts_load(NDVR_SOURCE_DIR "/assets/source/facts.txt", &f, &d), "%s:%d:%d: %s",
              d.file, d.line, d.col, d.msg);
    cr_assert_not_null(facts_country_iso3(&f, "EU"));
    cr_assert_str_eq(facts_country_iso3(&f, "NOR")->names[0], "挪威");
    facts_free(&f);
}

Test(facts, missing_file_is_an_error_not_a_crash)
{
    struct facts f;
    struct diag d = {0};
    cr_assert_not(facts_load("/nonexistent/facts.txt", &f, &d));
    cr_assert(strstr(d.msg, "cannot open") != NULL);
}

/* English names: the UN's short name first, then aliases, `;` between them. */
Test(facts, english_names_of_a_listed_country)
{
    struct facts f;
    struct diag d = {0};
    cr_assert(facts_parse("t.txt",
                          "country GBR 联合王国\n"
                          "english GBR = United Kingdom of Great Britain and Northern Ireland;"
                          " United Kingdom ;UK # the short forms\n"
                          "country NOR 挪威\n",
                          &f, &d),
              "%s", d.msg);
    const struct facts_country *gbr = facts_country_iso3(&f, "GBR");
    cr_assert_eq(gbr->nenglish, 3);
    cr_expect_str_eq(gbr->english[0], "United Kingdom of Great Britain and Northern Ireland");
    cr_expect_str_eq(gbr->english[1], "United Kingdom");
    cr_expect_str_eq(gbr->english[2], "UK");
    cr_expect_eq(facts_country_iso3(&f, "NOR")->nenglish, 0);
    /* English names are for people who type them: the Chinese text is not searched for them */
    cr_expect_null(facts_country_named(&f, "UK", 2));
    facts_free(&f);
}

Test(facts, english_errors_name_line_and_column)
{
    static const struct bad_case cases[] = {
        {"english NOR = Norway\n", 1, 9, "english names for a country not listed before"},
        {"country NOR 挪威\nenglish NOR Norway\n", 2, 13, "expected `=`"},
        {"country NOR 挪威\nenglish NOR =\n", 2, 14, "missing English name"},
        {"country NOR 挪威\nenglish NOR = Norway;;Norge\n", 2, 22, "missing English name"},
        {"country NOR 挪威\nenglish NOR = Norway\nenglish NOR = Norge\n", 3, 9,
         "a second english line for this country"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct facts f;
        struct diag d = {0};
        cr_assert_not(facts_parse("f.txt", cases[i].text, &f, &d), "case %zu parsed", i);
        cr_expect_eq(d.line, cases[i].line, "case %zu: line %d", i, d.line);
        cr_expect_eq(d.col, cases[i].col, "case %zu: col %d", i, d.col);
        cr_expect(strstr(d.msg, cases[i].msg) != NULL, "case %zu: %s", i, d.msg);
    }
}

Test(facts, the_real_facts_name_every_country_in_english)
{
    struct facts f;
    struct diag d = {0};
    cr_assert(facts_load(NDVR_SOURCE_DIR "/assets/source/facts.txt", &f, &d), "%s", d.msg);
    for (size_t i = 0; i < f.ncountries; i++)
        cr_expect_gt(f.countries[i].nenglish, 0, "%s has no english line", f.countries[i].iso3);
    cr_expect_str_eq(facts_country_iso3(&f, "RUS")->english[0], "Russian Federation");
    facts_free(&f);
}
