/* ndvr: placeholder main until the CLI lands. */
#include <stdio.h>

int
main(void)
{
    puts("ndvr");
    return 0;
}
