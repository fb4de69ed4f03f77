/* Text helpers of the compiler. */
#ifndef PORTREG_COMPILER_TEXT_H
#define PORTREG_COMPILER_TEXT_H

#include <stddef.h>

/* Collapses every run of XML whitespace in `s` to one space and trims the
 * ends, in place.  Returns `s`. */
char *text_collapse(char *s);

/* strdup that exits on allocation failure (a build tool has no better answer). */
char *text_dup(const char *s);

/* malloc/realloc that exit on failure. */
void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);

/* `p`, an array of `count` elements of `size` bytes that only ever grows
 * one element at a time through this function, with room for one more.
 * The capacity is implicit, the smallest power of two >= count: the array
 * is reallocated, to double, only when `count` reaches one.  Growth by a
 * constant instead copies O(n^2) bytes for n elements: realloc() cannot
 * always extend in place, and under ASan it never does (65,534 records
 * took minutes). */
void *xgrow(void *p, size_t count, size_t size);

/* 1 when `s` is "YYYY-MM-DD" with a month 01-12 and a day 01-31. */
int text_is_date(const char *s);

/* 1 when `s` is such a "YYYY-MM-DD" or a "YYYY-MM" (older records give
 * only a month). */
int text_is_record_date(const char *s);

#endif
