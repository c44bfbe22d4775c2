/* The facts file: country names and codes, expert aliases, honorifics, missing titles.
 * See assets/source/facts.txt for the format. */
#ifndef NDVR_FACTS_H
#define NDVR_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct facts_country {
    char iso3[4]; /* "NOR"; "EU" for the European Union */
    char **names; /* names[0] is the name the reports print first */
    size_t nnames;
    char **english; /* english[0] is the UN's English short name, then other English names;
                     * none when the facts give no `english` line for the country */
    size_t nenglish;
};

struct facts_pair {
    char *key;
    char *value;
};

struct facts {
    struct facts_country *countries;
    size_t ncountries;
    struct facts_pair *experts; /* alias -> name as listed */
    size_t nexperts;
    struct facts_pair *titles; /* document symbol -> title */
    size_t ntitles;
    char **honorifics;
    size_t nhonorifics;
    char **not_countries;
    size_t nnot_countries;
    char **subjects; /* phrases naming the group's subject (see relate.c) */
    size_t nsubjects;
    struct facts_pair *documents; /* symbol -> source file name */
    size_t ndocuments;
};

/* Loads the facts file; on error fills d with `file:line:col: what` and returns false
 * (f is then empty but safe to free). */
bool facts_load(const char *path, struct facts *f, struct diag *d);
/* Parses facts from memory; `name` is used in diagnostics. */
bool facts_parse(const char *name, const char *text, struct facts *f, struct diag *d);
void facts_free(struct facts *f);

/* The country whose name (any of its names) is exactly s[0..n), or NULL. */
const struct facts_country *facts_country_named(const struct facts *f, const char *s, size_t n);
const struct facts_country *facts_country_iso3(const struct facts *f, const char *iso3);
/* Longest country name starting at s (within n bytes); returns its byte length (0 for none)
 * and sets *out. A match inside a not-country phrase that starts at s is no match. */
size_t facts_match_country(const struct facts *f, const char *s, size_t n,
                           const struct facts_country **out);
/* Length of a not-country phrase starting at s, 0 if none. */
size_t facts_match_not_country(const struct facts *f, const char *s, size_t n);
/* The listed name for an alias, or NULL. */
const char *facts_expert_alias(const struct facts *f, const char *alias, size_t n);
/* Length of an honorific starting at s, 0 if none. */
size_t facts_match_honorific(const struct facts *f, const char *s, size_t n);
const char *facts_title(const struct facts *f, const char *symbol);
/* The symbol of the document held by source file `basename`, or NULL. */
const char *facts_document_symbol(const struct facts *f, const char *basename);
/* True when `symbol` is one of the corpus documents. */
bool facts_is_document(const struct facts *f, const char *symbol, size_t n);

#endif
