#ifndef PORTREG_BENCH_DIRECT_LIB_H
#define PORTREG_BENCH_DIRECT_LIB_H
#include <stdint.h>
void bench_direct_set(unsigned proto_index, uint16_t port, uint16_t value);
unsigned bench_direct_lookup(uint16_t port, unsigned protos);
#endif
