/* Start-up baseline: a program that does not link portreg. */
int main(void)
{
    return 0;
}
