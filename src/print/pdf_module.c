/* Loading the PDF device on the first PDF: the module, the installed one first, then the one
 * the build made (so that ./build/ndvr prints straight after a build, as it reads the source
 * tree's corpus). It stays loaded: pango and fontconfig keep state that unloading would
 * leave dangling. */
#include "print/pdf.h"
#include "util/i18n.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

static pdf_render_fn *render;

/* The module's path: $NDVR_PDF_MODULE for a test that wants another, else the installed
 * one if it is there, else the build's. */
static const char *
module_path(void)
{
    const char *env = getenv("NDVR_PDF_MODULE");
    if (env != NULL && env[0] != '\0')
        return env;
    if (access(NDVR_PKGLIBDIR "/" PDF_MODULE_FILE, R_OK) == 0)
        return NDVR_PKGLIBDIR "/" PDF_MODULE_FILE;
    return NDVR_BUILD_DIR "/" PDF_MODULE_FILE;
}

static bool
load(struct diag *d)
{
    if (render != NULL)
        return true;
    const char *path = module_path();
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (module == NULL)
        return diag_set(d, "", 0, 0, _("PDF printing is not available: %s"), dlerror());
    /* POSIX's way to take a function pointer from dlsym without a cast between object and
     * function pointers */
    *(void **)&render = dlsym(module, PDF_MODULE_ENTRY);
    if (render == NULL)
        return diag_set(d, "", 0, 0, _("PDF printing is not available: %s has no %s"), path,
                        PDF_MODULE_ENTRY);
    return true;
}

char *
print_pdf(const struct print_selection *s, const struct print_opts *opts, size_t *nbytes,
          struct diag *d)
{
    return load(d) ? render(s, opts, nbytes, d) : NULL;
}
