/* The interface's language: messages through gettext in the "ndvr" domain, always as UTF-8.
 *
 * _("text") translates at the point of use; N_("text") only marks a string in a static table
 * for xgettext, and the code that shows it calls _() on it. The catalogue is chosen by the
 * locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); English, the msgids, is the fallback. The
 * translations come back in UTF-8 whatever the locale's character set: the program works in
 * UTF-8 and converts at its edges (util/charset.h). */
#ifndef NDVR_I18N_H
#define NDVR_I18N_H

#include <libintl.h>

#define _(msgid) gettext(msgid)
#define N_(msgid) msgid

/* The gettext domain of every message. */
#define I18N_DOMAIN "ndvr"

/* Binds the domain to i18n_localedir() and makes it the default. Call after setlocale(). */
void i18n_init(void);

/* Where the compiled catalogues (LANG/LC_MESSAGES/ndvr.mo) are: $NDVR_LOCALEDIR when set and
 * not empty, else the locale directory of the installed tree the program runs from, or its
 * build tree's (so that ./build/ndvr speaks Chinese straight after a build), as
 * util/install_paths.h finds them. Borrowed string. */
const char *i18n_localedir(void);

#endif
