/* The selection as a PDF (print/pdf.c: cairo and pango). */
#ifndef NDVR_PDF_H
#define NDVR_PDF_H

#include <stddef.h>

#include "print/print.h"

/* The PDF of the selection (caller frees; *nbytes its length), or NULL with d filled: no
 * Chinese font, a character no font has, a cairo error. */
char *print_pdf(const struct print_selection *s, const struct print_opts *opts, size_t *nbytes,
                struct diag *d);

#endif
