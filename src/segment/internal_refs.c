/* References a document's running text makes to the document's own parts (textrefs.h).
 *
 *   annex      附件 and a numeral (附件一, 附件 2) names #annexN, 附件 alone names #annex;
 *   chapter    第, a numeral, then 部分 or 章: the reports call their chapters parts.
 *              第二部分 names #ch2; in an enumeration (第二、第三和第四部分) each numeral is a
 *              reference of its own, "第二", "第三" and "第四部分", which is what a reader sees
 *              as the link to each;
 *   section    第二部分 B 节 names #ch2.B; B 节 alone the section B of the chapter the text
 *              is in;
 *   paragraph  第 23 段 names #p23, but only right after a word that points at this document
 *              (上文, 下文, 本报告, 本文件, 见): the reports cite many paragraphs of other
 *              documents with no name in the same clause ("同上，第 3 段", "…筹备委员会，
 *              第 10 段，见 http…"), and none of their own.
 * A reference is made only when the document has the node, and never when the clause before
 * it (back to the last ，。；：) names another document: a UN symbol or resolution found by
 * the scan, a title in 《》, or a word such as 决议 or 条约 ("决议第二部分" is a part of the
 * resolution). "报告分共四个部分" has no 第: a count, no reference. */
#include "segment/textrefs.h"

#include <stdlib.h>
#include <string.h>

#include "segment/segment.h"
#include "util/xalloc.h"

enum { MAX_ORDINALS = 12 };

/* Word lists end in NULL. Clause breaks: the clause-level guard looks back to the last of
 * these (not the ASCII colon: URLs hold it). */
static const char *const clause_breaks[] = {"。", "，", "；", "：", "？", "！",
                                            ";",  ",",  "?",  "!",  NULL};
/* Words naming a document other than this one. */
static const char *const other_documents[] = {"《",   "决议", "公约",     "条约", "议定书",
                                              "协定", "声明", "工作文件", NULL};
/* Words after which 第 N 段 is a paragraph of this document. */
static const char *const here_words[] = {"上文", "下文", "本报告", "本文件", "见", NULL};
/* Between the ordinals of an enumeration (以及 before 及: the longer first). */
static const char *const joiners[] = {"、", "以及", "和", "及", "与", "或", "至", "到", NULL};
/* What follows the ordinal of a chapter. */
static const char *const part_words[] = {"部分", "章", NULL};

/* --- Text ------------------------------------------------------------------------------ */

/* The length of the first of words that s[0..n) starts with, 0 when none. */
static size_t
word_at(const char *s, size_t n, const char *const *words)
{
    for (size_t k = 0; words[k] != NULL; k++)
        if (seg_starts_with(s, n, words[k]))
            return strlen(words[k]);
    return 0;
}

/* True when s[0..end) ends with one of words, spaces before end aside. */
static bool
ends_with_word(const char *s, size_t end, const char *const *words)
{
    while (end > 0 && s[end - 1] == ' ')
        end--;
    for (size_t k = 0; words[k] != NULL; k++) {
        size_t m = strlen(words[k]);
        if (m <= end && memcmp(s + end - m, words[k], m) == 0)
            return true;
    }
    return false;
}

static size_t
skip_spaces(const char *s, size_t n, size_t k)
{
    while (k < n && (s[k] == ' ' || seg_starts_with(s + k, n - k, "\u3000")))
        k += s[k] == ' ' ? 1 : 3;
    return k;
}

/* A numeral at s: CJK (二, 十二) or up to three ASCII digits; its length in *len. */
static int
number_at(const char *s, size_t n, size_t *len)
{
    int value = seg_cjk_numeral(s, n, len);
    if (value > 0)
        return value;
    for (*len = 0; *len < n && *len < 3 && s[*len] >= '0' && s[*len] <= '9'; (*len)++)
        value = value * 10 + (s[*len] - '0');
    if (*len < n && s[*len] >= '0' && s[*len] <= '9')
        *len = 0; /* four digits are a year or a count, not a part */
    return *len > 0 ? value : 0;
}

/* --- The document ---------------------------------------------------------------------- */

const cJSON *
seg_find_node(const cJSON *doc, const char *address)
{
    const char *own = seg_str(doc, "address");
    if (own != NULL && strcmp(own, address) == 0)
        return doc;
    const cJSON *child, *found;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(doc, "children"))
    {
        if ((found = seg_find_node(child, address)) != NULL)
            return found;
    }
    return NULL;
}

/* Adds a reference of kind (the same word as the target node's kind) to address when the
 * document has a node of that kind there. Takes ownership of address. */
static bool
add_if_there(const struct seg_text_site *site, char *address, const char *kind, size_t at,
             size_t len)
{
    const cJSON *target = seg_find_node(site->doc, address);
    const char *k = target != NULL ? seg_str(target, "kind") : NULL;
    bool there = k != NULL && strcmp(k, kind) == 0;
    if (there)
        seg_add_ref(site->node, address, kind, false, (long)at, (long)len);
    free(address);
    return there;
}

static const char *
doc_address(const struct seg_text_site *site)
{
    const char *a = seg_str(site->doc, "address");
    return a != NULL ? a : "";
}

/* --- The clause -------------------------------------------------------------------------- */

/* Where the clause holding s[i] starts: just after the last clause break before i. */
static size_t
clause_start(const char *s, size_t i)
{
    size_t start = 0;
    for (size_t k = 0; k < i; k++) {
        size_t m = word_at(s + k, i - k, clause_breaks);
        if (m > 0)
            start = k + m;
    }
    return start;
}

static bool
is_document_ref(const cJSON *ref)
{
    const char *kind = seg_str(ref, "kind");
    return kind != NULL && cJSON_GetObjectItemCaseSensitive(ref, "in") == NULL &&
           (strcmp(kind, "document") == 0 || strcmp(kind, "resolution") == 0 ||
            strcmp(kind, "working-paper") == 0);
}

/* A symbol or resolution the scan found in the node's text[from..to). */
static bool
has_document_ref(const cJSON *node, size_t from, size_t to)
{
    const cJSON *ref;
    cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(node, "refs"))
    {
        const cJSON *at = cJSON_GetObjectItemCaseSensitive(ref, "at");
        if (is_document_ref(ref) && cJSON_IsNumber(at) && at->valuedouble >= (double)from &&
            at->valuedouble < (double)to)
            return true;
    }
    return false;
}

/* Whether the clause before s[i] names a document other than this one. */
static bool
names_other_document(const struct seg_text_site *site, size_t i)
{
    size_t from = clause_start(site->s, i);
    for (size_t k = from; k < i; k++)
        if (word_at(site->s + k, i - k, other_documents) > 0)
            return true;
    return has_document_ref(site->node, from, i);
}

/* --- Annexes ----------------------------------------------------------------------------- */

/* 附件一, 附件 2, 附件: the annex of that number, or the document's only annex. */
static size_t
match_annex(const struct seg_text_site *site, size_t i)
{
    const char *s = site->s;
    size_t n = site->n, end = i + strlen("附件"), len;
    size_t k = skip_spaces(s, n, end);
    int number = number_at(s + k, n - k, &len);
    if (names_other_document(site, i))
        return 0;
    if (number > 0)
        end = k + len;
    char *address = number > 0 ? xasprintf("%s#annex%d", doc_address(site), number)
                               : xasprintf("%s#annex", doc_address(site));
    return add_if_there(site, address, "annex", i, end - i) ? end - i : 0;
}

/* --- Chapters and sections --------------------------------------------------------------- */

/* One 第 and numeral of an enumeration: where it is and what it names. */
struct ordinal {
    size_t at, end;
    int number;
};

/* The ordinals from s[i] (第二、第三和第四部分) into v, and in *end where their 部分 or 章
 * ends; returns how many, 0 when the run ends in anything else (第二届, 第二次). */
static size_t
read_ordinals(const char *s, size_t n, size_t i, struct ordinal *v, size_t *end)
{
    size_t count = 0, k = i, len, m;
    while (count < MAX_ORDINALS && seg_starts_with(s + k, n - k, "第")) {
        size_t at = k;
        k = skip_spaces(s, n, k + strlen("第"));
        int number = number_at(s + k, n - k, &len);
        if (number == 0)
            return 0;
        v[count++] = (struct ordinal){at, k + len, number};
        k = skip_spaces(s, n, k + len);
        if ((m = word_at(s + k, n - k, part_words)) > 0) {
            *end = k + m;
            return count;
        }
        if ((m = word_at(s + k, n - k, joiners)) == 0)
            return 0;
        k = skip_spaces(s, n, k + m);
    }
    return 0;
}

/* The letter of "B 节" at s[k] (spaces before and inside allowed), with the end of 节 in *end;
 * 0 when there is none. */
static char
section_letter(const char *s, size_t n, size_t k, size_t *end)
{
    k = skip_spaces(s, n, k);
    if (k >= n || s[k] < 'A' || s[k] > 'Z')
        return 0;
    size_t after = skip_spaces(s, n, k + 1);
    if (!seg_starts_with(s + after, n - after, "节"))
        return 0;
    *end = after + strlen("节");
    return s[k];
}

/* 第二部分 B 节: the section, when the document has it. *end gets where the words end: after
 * 节, or after 部分 when no section letter follows. */
static bool
part_section(const struct seg_text_site *site, const struct ordinal *o, size_t part_end,
             size_t *end)
{
    char letter = section_letter(site->s, site->n, part_end, end);
    if (letter == 0) {
        *end = part_end;
        return false;
    }
    char *address = xasprintf("%s#ch%d.%c", doc_address(site), o->number, letter);
    return add_if_there(site, address, "section", o->at, *end - o->at);
}

/* The words are read whole even when the document lacks what they name: "B 节" after a part
 * is that part's section, never one of the chapter the text is in. */
static size_t
match_parts(const struct seg_text_site *site, size_t i)
{
    struct ordinal v[MAX_ORDINALS];
    size_t end, count = read_ordinals(site->s, site->n, i, v, &end), stop = end;
    if (count == 0 || names_other_document(site, i))
        return 0;
    if (count == 1 && part_section(site, &v[0], end, &stop))
        return stop - i;
    for (size_t k = 0; k < count; k++) {
        size_t last = k + 1 < count ? v[k].end : end; /* the last takes its 部分 */
        char *address = xasprintf("%s#ch%d", doc_address(site), v[k].number);
        add_if_there(site, address, "chapter", v[k].at, last - v[k].at);
    }
    return stop - i;
}

static bool
is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* "B 节" alone: the section B of the chapter the text is in. */
static size_t
match_section(const struct seg_text_site *site, size_t i)
{
    size_t end;
    bool boundary = i == 0 || !is_ascii_alnum(site->s[i - 1]);
    char letter = boundary ? section_letter(site->s, site->n, i, &end) : 0;
    if (letter == 0 || site->chapter == NULL || names_other_document(site, i))
        return 0;
    char *address = xasprintf("%s.%c", site->chapter, letter);
    return add_if_there(site, address, "section", i, end - i) ? end - i : 0;
}

/* --- Paragraphs -------------------------------------------------------------------------- */

/* 上文第 23 段: a numbered paragraph, named in digits right after a word for this document. */
static size_t
match_paragraph(const struct seg_text_site *site, size_t i)
{
    const char *s = site->s;
    size_t n = site->n, len;
    size_t k = skip_spaces(s, n, i + strlen("第"));
    if (k >= n || s[k] < '0' || s[k] > '9')
        return 0;
    int number = number_at(s + k, n - k, &len);
    k = skip_spaces(s, n, k + len);
    if (number == 0 || !seg_starts_with(s + k, n - k, "段") || !ends_with_word(s, i, here_words) ||
        names_other_document(site, i))
        return 0;
    size_t end = k + strlen("段");
    char *address = xasprintf("%s#p%d", doc_address(site), number);
    return add_if_there(site, address, "paragraph", i, end - i) ? end - i : 0;
}

/* --- The matcher and 同上 ---------------------------------------------------------------- */

size_t
seg_match_internal(const struct seg_text_site *site, size_t i)
{
    const char *s = site->s + i;
    size_t n = site->n - i, m;
    if (seg_starts_with(s, n, "附件"))
        return match_annex(site, i);
    if (seg_starts_with(s, n, "第"))
        return (m = match_parts(site, i)) > 0 ? m : match_paragraph(site, i);
    return *s >= 'A' && *s <= 'Z' ? match_section(site, i) : 0;
}

static void
collect_footnotes(cJSON *node, cJSON ***v, size_t *n, size_t *cap)
{
    const char *kind = seg_str(node, "kind");
    if (kind != NULL && strcmp(kind, "footnote") == 0) {
        *v = xgrow(*v, cap, *n + 1, sizeof **v);
        (*v)[(*n)++] = node;
    }
    cJSON *child;
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(node, "children"))
        collect_footnotes(child, v, n, cap);
}

void
seg_add_ibid_refs(cJSON *doc)
{
    cJSON **notes = NULL;
    size_t n = 0, cap = 0;
    collect_footnotes(doc, &notes, &n, &cap);
    for (size_t k = 1; k < n; k++) {
        const char *text = seg_text(notes[k]), *previous = seg_str(notes[k - 1], "address");
        if (previous != NULL && seg_starts_with(text, strlen(text), "同上"))
            seg_add_ref(notes[k], previous, "ibid", false, 0, (long)strlen("同上"));
    }
    free(notes);
}
