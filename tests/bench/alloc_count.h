#ifndef PORTREG_BENCH_ALLOC_COUNT_H
#define PORTREG_BENCH_ALLOC_COUNT_H
extern volatile int bench_alloc_counting;
extern volatile unsigned long bench_alloc_calls;
/* 1 when the counting wrappers are in place (glibc). */
int bench_alloc_available(void);
#endif
