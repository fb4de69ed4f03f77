/*
 * Counting the heap calls of a program and the libraries it loads (used by
 * check_noalloc and portreg-bench).  malloc, calloc, realloc, free and the
 * aligned variants are defined in the executable that links
 * tests/alloc_count.c, so they interpose the C library's for
 * libportreg.so as well: the executable comes first in the dynamic
 * linker's symbol lookup (-Wl,--wrap would not reach calls made inside the
 * shared library).  They forward to glibc's __libc_* entry points.
 */
#ifndef PORTREG_TEST_ALLOC_COUNT_H
#define PORTREG_TEST_ALLOC_COUNT_H

/* 1 when the counting wrappers are in place (glibc); 0 elsewhere. */
int alloc_count_available(void);

/* Starts counting from zero. */
void alloc_count_start(void);

/* Stops counting; returns the calls since alloc_count_start(). */
unsigned long alloc_count_stop(void);

#endif
