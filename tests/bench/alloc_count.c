/*
 * Counts malloc/calloc/realloc/free calls while bench_alloc_counting is
 * set.  Defined in the executable, these interpose the C library's for
 * libportreg.so too (the executable comes first in symbol lookup); the
 * real work is done by glibc's __libc_* entry points.
 */
#include <stddef.h>
#include <stdlib.h> /* defines __GLIBC__ */

#include "alloc_count.h"

#ifdef __GLIBC__
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

volatile int bench_alloc_counting;
volatile unsigned long bench_alloc_calls;

void *malloc(size_t size)
{
    if (bench_alloc_counting)
        bench_alloc_calls++;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (bench_alloc_counting)
        bench_alloc_calls++;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (bench_alloc_counting)
        bench_alloc_calls++;
    return __libc_realloc(p, size);
}

void free(void *p)
{
    if (bench_alloc_counting && p)
        bench_alloc_calls++;
    __libc_free(p);
}

int bench_alloc_available(void)
{
    return 1;
}
#else
volatile int bench_alloc_counting;
volatile unsigned long bench_alloc_calls;
int bench_alloc_available(void)
{
    return 0;
}
#endif
