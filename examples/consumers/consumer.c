/* A minimal program built against an installed portreg (see tests/abi). */
#include <stdio.h>
#include <string.h>

#include <portreg.h>

int main(void)
{
    const portreg_entry *e = portreg_lookup_port(443, PORTREG_TCP);

    if (portreg_version() / 10000 != PORTREG_VERSION_MAJOR) {
        fprintf(stderr, "built against %d.x, running with %s\n", PORTREG_VERSION_MAJOR,
                portreg_version_string());
        return 1;
    }
    printf("portreg %s, registry %s: 443/tcp is %s\n", portreg_version_string(),
           portreg_registry_updated(), portreg_entry_name(e));
    return strcmp(portreg_entry_name(e), "https") == 0 ? 0 : 1;
}
