/* OSC 8 hyperlinks in `ndvr cat` (--hyperlinks, off by default): the words that cite a UN
 * document outside the corpus (a resolution, a report) link to it on the UN's document
 * server, https://undocs.org/zh/SYMBOL, in terminals that show such links (and are plain
 * text in the others). Only a symbol of letters, digits and / . - ( ) makes a link: nothing
 * else from the corpus reaches the escape sequence. */
#ifndef NDVR_CLI_HYPERLINK_H
#define NDVR_CLI_HYPERLINK_H

#include <stdbool.h>
#include <stdio.h>

#include "render/blocks.h"

/* The address of symbol on the UN's document server, in buf; false (no link) when symbol has
 * a byte outside A-Z a-z 0-9 / . - ( ) or does not fit. */
bool hyperlink_url(const char *symbol, char *buf, size_t size);

/* Writes text, one laid-out line of block b (block_line_text of line), as cli_put does, with
 * each external document link of b that lies whole on the line wrapped in OSC 8. */
void hyperlink_put_line(FILE *out, const char *text, const struct block *b,
                        const struct block_line *line);

#endif
