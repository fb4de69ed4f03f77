/* The NSS rows of the benchmark (bench_nss.c). */
#ifndef PORTREG_BENCH_NSS_H
#define PORTREG_BENCH_NSS_H

#include <stddef.h>

/* Times the three nsswitch configurations; `self` is this program. */
void bench_nss(const char *self, const char *dir, size_t runs);

/* The child's side: argv after "--nss-child".  Returns an exit status. */
int bench_nss_child(int argc, char **argv);

#endif
