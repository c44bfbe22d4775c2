/* The gettext domain, bound to where the catalogues are. */
#include "util/i18n.h"

#include <stdlib.h>
#include <unistd.h>

#include "util/install_paths.h"

/* Where the catalogues are for the running program (util/install_paths.h), kept for the
 * process's life: gettext keeps the pointer. */
static char *localedir;

const char *
i18n_localedir(void)
{
    const char *env = getenv("NDVR_LOCALEDIR");
    if (env != NULL && env[0] != '\0')
        return env;
    if (localedir == NULL)
        localedir = install_path(INSTALL_LOCALE);
    return localedir;
}

void
i18n_init(void)
{
    bindtextdomain(I18N_DOMAIN, i18n_localedir());
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    textdomain(I18N_DOMAIN);
}
