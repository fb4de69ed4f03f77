/*
 * Memory that runs out, on demand: test_portinfo.py preloads this into
 * portinfo (LD_PRELOAD) to see what it does when malloc fails, which no
 * command line can make happen on a machine with memory to spare.
 *
 * malloc, calloc and realloc fail with ENOMEM for any request larger than
 * FAIL_MALLOC_ABOVE bytes (an environment variable; unset, nothing
 * fails).  Small requests, such as stdio's buffers, still succeed, so that
 * the program gets as far as the allocation that grows with its answer.
 * Everything else goes to glibc's own allocator (tests/alloc_count.c does
 * the same), so free() needs no wrapper.  glibc only: tests/cli.cmake
 * builds it only there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

/* getenv() and strtoul() do not allocate, so they are safe in here. */
static int refused(size_t size)
{
    const char *limit = getenv("FAIL_MALLOC_ABOVE");
    if (!limit || !limit[0] || size <= strtoul(limit, NULL, 10))
        return 0;
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size)
{
    return refused(size) ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    /* n * size may wrap; glibc's calloc checks that itself. */
    if (size && n > (size_t)-1 / size)
        return __libc_calloc(n, size);
    return refused(n * size) ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    return refused(size) ? NULL : __libc_realloc(p, size);
}
