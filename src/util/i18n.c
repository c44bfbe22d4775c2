/* The gettext domain, bound to where the catalogues are. */
#include "util/i18n.h"

#include <stdlib.h>
#include <unistd.h>

/* One catalogue that every install has, to tell our locale directory from a shared one (the
 * installed directory is /usr/share/locale, there whether or not ndvr is installed). */
#define I18N_PROBE "/zh_CN/LC_MESSAGES/" I18N_DOMAIN ".mo"

const char *
i18n_localedir(void)
{
    const char *env = getenv("NDVR_LOCALEDIR");
    if (env != NULL && env[0] != '\0')
        return env;
    if (access(NDVR_LOCALEDIR I18N_PROBE, R_OK) == 0)
        return NDVR_LOCALEDIR;
    return NDVR_BUILD_DIR "/locale";
}

void
i18n_init(void)
{
    bindtextdomain(I18N_DOMAIN, i18n_localedir());
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    textdomain(I18N_DOMAIN);
}
