/* Title keys: a title's letters, ideographs and digits, in order. */
#include "text/titlekey.h"

#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "util/xalloc.h"

char *
title_key(const char *title)
{
    size_t n = strlen(title);
    char *key = xmalloc(n + 1), *out = key;
    const uint8_t *s = (const uint8_t *)title, *end = s + n;
    while (s < end) {
        ucs4_t c;
        int len = u8_mbtouc(&c, s, (size_t)(end - s));
        if (!uc_is_general_category(c, UC_PUNCTUATION) && !uc_is_space(c)) {
            memcpy(out, s, (size_t)len);
            out += len;
        }
        s += len;
    }
    *out = '\0';
    return key;
}
