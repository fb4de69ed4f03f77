/* Start-up control: linked against a one-function shared library. */
int portreg_bench_empty(void);

int main(void)
{
    return portreg_bench_empty();
}
