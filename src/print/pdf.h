/* The selection as a PDF. print/pdf.c does it with cairo and pango, built as a module
 * (ndvr-pdf.so) that print/pdf_module.c loads on the first PDF: pango, cairo and fontconfig
 * cost every start 2.5 ms and 5 MB, and most runs never print (issue 12). */
#ifndef NDVR_PDF_H
#define NDVR_PDF_H

#include <stddef.h>

#include "print/print.h"

/* The PDF of the selection (caller frees; *nbytes its length), or NULL with d filled: no
 * Chinese font, a character no font has, a cairo error. */
char *print_pdf(const struct print_selection *s, const struct print_opts *opts, size_t *nbytes,
                struct diag *d);

/* The module's entry point, which print_pdf() calls: the same contract. */
typedef char *pdf_render_fn(const struct print_selection *s, const struct print_opts *opts,
                            size_t *nbytes, struct diag *d);
pdf_render_fn pdf_module_render;

/* The module's name in its directory, and the symbol print_pdf() looks up. */
#define PDF_MODULE_FILE "ndvr-pdf.so"
#define PDF_MODULE_ENTRY "pdf_module_render"

#endif
