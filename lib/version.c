#include "portreg.h"

#define PORTREG_STR_(x) #x
#define PORTREG_STR(x) PORTREG_STR_(x)

unsigned portreg_version(void)
{
    return PORTREG_VERSION_NUM;
}

const char *portreg_version_string(void)
{
    return PORTREG_STR(PORTREG_VERSION_MAJOR) "." PORTREG_STR(PORTREG_VERSION_MINOR) "."
        PORTREG_STR(PORTREG_VERSION_PATCH);
}
