/* the model must not draw */
#include "ui/ui.h"
#include <curses.h>
