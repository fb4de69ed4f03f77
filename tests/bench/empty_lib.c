/* A shared library with one function: the start-up cost of loading any .so. */
int portreg_bench_empty(void);
int portreg_bench_empty(void)
{
    return 0;
}
