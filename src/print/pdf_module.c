/* Loading the PDF device on the first PDF: the module installed with the program, or the one
 * its build made (so that ./build/ndvr prints straight after a build, as it reads the source
 * tree's corpus). It stays loaded: pango and fontconfig keep state that unloading would
 * leave dangling. */
#include "print/pdf.h"
#include "util/i18n.h"

#include <dlfcn.h>
#include <stdlib.h>

#include "util/install_paths.h"
#include "util/xalloc.h"

static pdf_render_fn *render;

/* The module's path, which the caller frees: $NDVR_PDF_MODULE for a test that wants another,
 * else the one installed with the program (or its build's: util/install_paths.h). */
static char *
module_path(void)
{
    const char *env = getenv("NDVR_PDF_MODULE");
    if (env != NULL && env[0] != '\0')
        return xstrdup(env);
    return install_path(INSTALL_PDF_MODULE);
}

static bool
load(struct diag *d)
{
    if (render != NULL)
        return true;
    char *path = module_path();
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (module == NULL) {
        free(path);
        return diag_set(d, "", 0, 0, _("PDF printing is not available: %s"), dlerror());
    }
    /* POSIX's way to take a function pointer from dlsym without a cast between object and
     * function pointers */
    *(void **)&render = dlsym(module, PDF_MODULE_ENTRY);
    if (render == NULL)
        diag_set(d, "", 0, 0, _("PDF printing is not available: %s has no %s"), path,
                 PDF_MODULE_ENTRY);
    free(path);
    return render != NULL;
}

char *
print_pdf(const struct print_selection *s, const struct print_opts *opts, size_t *nbytes,
          struct diag *d)
{
    return load(d) ? render(s, opts, nbytes, d) : NULL;
}
