// The header from C++: extern "C" guards, no C-only constructs.
#include <portreg.h>

#include <cstdio>
#include <string>

int main()
{
    const portreg_entry *e = portreg_lookup_name("HTTPS", PORTREG_TCP);
    uint16_t lo = 0, hi = 0;
    if (portreg_entry_ports(e, &lo, &hi) != 0)
        return 1;
    std::string name = portreg_entry_name(e);
    std::printf("C++: %s is %u/tcp\n", name.c_str(), static_cast<unsigned>(lo));
    return name == "https" && lo == 443 ? 0 : 1;
}
