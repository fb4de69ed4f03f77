/*
 * portreg-well-known: a consumer's first questions, asked of a build that
 * runs somewhere else (qemu-user, wine; .ci/cross.sh): services whose
 * ports have not changed in decades (docs/UPDATING.md says which facts a
 * test may rely on).  Prints each answer; exits 1 when one is wrong.
 */
#include <stdio.h>
#include <string.h>

#include <portreg.h>

static int failures;

static void expect_name(uint16_t port, unsigned proto, const char *want)
{
    const char *got = portreg_entry_name(portreg_lookup_port(port, proto));
    printf("%u/%s is %s\n", port, portreg_proto_name(proto), got);
    failures += strcmp(got, want) != 0;
}

static void expect_ports(const char *name, unsigned proto, unsigned lo, unsigned hi)
{
    uint16_t got_lo = 0, got_hi = 0;
    int rc = portreg_entry_ports(portreg_lookup_name(name, proto), &got_lo, &got_hi);
    printf("%s/%s is %u-%u\n", name, portreg_proto_name(proto), got_lo, got_hi);
    failures += rc != 0 || got_lo != lo || got_hi != hi;
}

int main(void)
{
    printf("portreg %s, registry %s\n", portreg_version_string(), portreg_registry_updated());
    expect_ports("https", PORTREG_TCP, 443, 443);
    expect_name(22, PORTREG_TCP, "ssh");
    expect_ports("X11", PORTREG_TCP, 6000, 6063);
    expect_ports("Microsoft-DS", PORTREG_TCP, 445, 445);
    expect_name(445, PORTREG_TCP, "microsoft-ds");
    if (failures)
        printf("%d wrong answers\n", failures);
    return failures ? 1 : 0;
}
