/* Start-up with portreg: linked against libportreg.so, calls one cheap function. */
#include <portreg.h>

int main(void)
{
    return portreg_version() == 0;
}
