/* the paper layout must not draw: only pdf.c does */
#include <cairo.h>
