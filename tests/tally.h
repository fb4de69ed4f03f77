/*
 * Checks for hot loops.
 *
 * Check records every assertion that passes: it writes the file and line
 * to its pipe, so that a crash can be placed.  A suite that asserts
 * millions of times spends its time in write(2) (check_orient made 7.2
 * million writes and took 14 s).  So a loop counts: each check goes into a
 * tally, which keeps the first failure, and the test asserts once at the
 * end, with a message that names the first failing input and how many
 * failed in all.
 *
 * REQUIRE is for the helpers that hot loops call (building a tuple,
 * calling the function under test): it aborts the test on failure, with
 * its message, and writes nothing when it passes.
 */
#ifndef PORTREG_TEST_TALLY_H
#define PORTREG_TEST_TALLY_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct tally {
    unsigned long checks;
    unsigned long failures;
    char first[768]; /* the first failure: where, what, and the input */
};

#define TALLY_INIT {0, 0, ""}
#define TALLY_RESET(t) (*(t) = (struct tally)TALLY_INIT)

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static inline void tally_failed(struct tally *t, const char *file, int line, const char *what,
                                const char *input, ...)
{
    va_list ap;
    int n;

    if (t->failures++ != 0)
        return;
    n = snprintf(t->first, sizeof t->first, "%s:%d: %s, for ", file, line, what);
    if (n < 0 || (size_t)n >= sizeof t->first)
        return;
    va_start(ap, input);
    vsnprintf(t->first + n, sizeof t->first - (size_t)n, input, ap);
    va_end(ap);
}

/* TALLY(&t, condition, "printf format naming the input", args...) */
#define TALLY(t, cond, ...)                                                     \
    do {                                                                        \
        (t)->checks++;                                                          \
        if (!(cond))                                                            \
            tally_failed((t), __FILE__, __LINE__, "'" #cond "' failed", __VA_ARGS__); \
    } while (0)

/* TALLY_EQ(&t, got, want, "input", args...): integers, both shown on failure. */
#define TALLY_EQ(t, got, want, ...)                                             \
    do {                                                                        \
        long long tally_got_ = (long long)(got), tally_want_ = (long long)(want); \
        (t)->checks++;                                                          \
        if (tally_got_ != tally_want_) {                                        \
            char tally_what_[160];                                              \
            snprintf(tally_what_, sizeof tally_what_, "%s is %lld, not %lld (%s)", #got, \
                     tally_got_, tally_want_, #want);                           \
            tally_failed((t), __FILE__, __LINE__, tally_what_, __VA_ARGS__);    \
        }                                                                       \
    } while (0)

/* TALLY_STR_EQ(&t, got, want, "input", args...): strings, both shown on failure. */
#define TALLY_STR_EQ(t, got, want, ...)                                         \
    do {                                                                        \
        const char *tally_got_ = (got), *tally_want_ = (want);                  \
        (t)->checks++;                                                          \
        if (strcmp(tally_got_, tally_want_) != 0) {                             \
            char tally_what_[320];                                              \
            snprintf(tally_what_, sizeof tally_what_, "%s is \"%.100s\", not \"%.100s\"", \
                     #got, tally_got_, tally_want_);                            \
            tally_failed((t), __FILE__, __LINE__, tally_what_, __VA_ARGS__);    \
        }                                                                       \
    } while (0)

/* The one assertion of a loop; also fails a loop that checked nothing. */
#define TALLY_VERDICT(t)                                                        \
    do {                                                                        \
        ck_assert_msg((t)->checks > 0, "the loop checked nothing");            \
        ck_assert_msg((t)->failures == 0, "%lu of %lu checks failed; the first: %s", \
                      (t)->failures, (t)->checks, (t)->first);                  \
    } while (0)

#define REQUIRE(cond, ...)                                                      \
    do {                                                                        \
        if (!(cond))                                                            \
            ck_abort_msg(__VA_ARGS__);                                          \
    } while (0)

#endif
