/* Compiled with -std=c99 -Wall -Wextra -pedantic -Werror (tests/CMakeLists.txt). */
#include <portreg.h>

int portreg_header_compiles_as_c99(void);
int portreg_header_compiles_as_c99(void)
{
    return (int)sizeof(portreg_tuple) + (int)sizeof(portreg_orientation);
}
