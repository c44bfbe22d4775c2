/* Diagnostics: a message longer than its buffer is cut on a whole UTF-8 character and ends
 * with "…", never inside a character (a message quoting Chinese text was cut mid-character at
 * 511 bytes). */
#include <criterion/criterion.h>
#include <string.h>
#include <unistr.h>

#include "util/diag.h"
#include "util/strbuf.h"

Test(diag, a_long_message_is_cut_on_a_character)
{
    struct strbuf sb = STRBUF_INIT;
    for (int i = 0; i < 400; i++)
        sb_puts(&sb, i % 3 ? "中" : "a"); /* 3-byte characters at every alignment */
    for (int shift = 0; shift < 3; shift++) {
        struct diag d = {0};
        diag_set(&d, "f", 1, 1, "%.*s%s", shift, "xx", sb_str(&sb));
        size_t n = strlen(d.msg);
        cr_expect_lt(n, sizeof d.msg);
        cr_expect_null(u8_check((const uint8_t *)d.msg, n), "invalid UTF-8 at shift %d", shift);
        cr_expect(n >= 3 && strcmp(d.msg + n - 3, "…") == 0, "no … at shift %d", shift);
        cr_expect_gt(n, sizeof d.msg - 8, "cut far too early");
    }
    sb_free(&sb);
}

Test(diag, a_short_message_is_kept_whole)
{
    struct diag d = {0};
    diag_set(&d, "f", 2, 3, "unknown kind \"%s\"", "章节");
    cr_expect_str_eq(d.msg, "unknown kind \"章节\"");
}
