/* See alloc_count.h. */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdlib.h> /* defines __GLIBC__ */

#include "alloc_count.h"

static volatile int counting;
static volatile unsigned long calls;

void alloc_count_start(void)
{
    calls = 0;
    counting = 1;
}

unsigned long alloc_count_stop(void)
{
    counting = 0;
    return calls;
}

#ifdef __GLIBC__
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t alignment, size_t size);

static void count(void)
{
    if (counting)
        calls++;
}

int alloc_count_available(void)
{
    return 1;
}

void *malloc(size_t size)
{
    count();
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    count();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    count();
    return __libc_realloc(p, size);
}

void free(void *p)
{
    if (p)
        count();
    __libc_free(p);
}

void *memalign(size_t alignment, size_t size)
{
    count();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size)
{
    count();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p;
    count();
    p = __libc_memalign(alignment, size);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}
#else
int alloc_count_available(void)
{
    return 0;
}
#endif
