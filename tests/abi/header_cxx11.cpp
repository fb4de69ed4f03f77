// Compiled with -std=c++11 -Wall -Wextra -pedantic -Werror (tests/CMakeLists.txt).
#include <portreg.h>

static_assert(sizeof(portreg_tuple) == 64, "portreg_tuple is part of the ABI");
static_assert(sizeof(portreg_orientation) == 16, "portreg_orientation is part of the ABI");

int portreg_header_compiles_as_cxx11();
int portreg_header_compiles_as_cxx11()
{
    return portreg_version() != 0;
}
