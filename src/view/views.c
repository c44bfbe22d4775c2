/* Every pane's operations, in one list: the key tables and the help screen are built from it,
 * and the man page is checked against it. */
#include "view/views.h"

#include "pane/tiles.h"

const struct pane_ops *const *
views_all(size_t *count)
{
    static const struct pane_ops *const all[] = {
        &outline_ops, &text_ops,   &context_ops, &help_ops,  &results_ops, &bookmarks_ops,
        &experts_ops, &papers_ops, &card_ops,    &popup_ops, &print_ops,
    };
    *count = sizeof all / sizeof all[0];
    return all;
}
