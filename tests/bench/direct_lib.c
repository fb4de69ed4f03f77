/* The direct-table floor as a library function: uint16_t[4][65536] indexed
 * by protocol and port, called through the PLT like portreg_lookup_port,
 * so that the floor and portreg pay the same call.  Built as its own
 * shared object (portreg-bench-direct). */
#include <stdint.h>

#include "direct_lib.h"

static uint16_t table[4][65536];

void bench_direct_set(unsigned proto_index, uint16_t port, uint16_t value)
{
    table[proto_index & 3][port] = value;
}

/* Same signature and protocol flags as portreg_lookup_port; one protocol. */
unsigned bench_direct_lookup(uint16_t port, unsigned protos)
{
    return table[(unsigned)__builtin_ctz(protos | 0x10u) & 3][port];
}
