/*
 * The one rule for a decimal number in text, wherever portreg reads one:
 * a service string's port (portreg_parse_service, which tuple text uses for
 * its ports too), the protocol numbers and ICMP types and codes of tuple
 * text, and the registry's <number> (the compiler).
 *
 * A number is one or more ASCII digits and nothing else: no sign, no
 * space, no "0x".  Leading zeros are allowed and never mean octal ("080"
 * is 80), as getaddrinfo() reads a numeric service.  Its value must not
 * exceed the caller's maximum.  (IPv4 address parts are not numbers in
 * this sense: they follow inet_pton(), which refuses leading zeros.)
 */
#ifndef PORTREG_DECIMAL_H
#define PORTREG_DECIMAL_H

#include <stddef.h>

/* How many ASCII digits begin s[0 .. len). */
static inline size_t portreg_decimal_digits(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* The value of the `n` digits at `s`, or max + 1 when it exceeds `max`
 * (checked digit by digit, so no run of digits can overflow). */
static inline unsigned long portreg_decimal_value(const char *s, size_t n, unsigned long max)
{
    unsigned long v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        v = v * 10 + (unsigned long)(s[i] - '0');
        if (v > max)
            return max + 1;
    }
    return v;
}

/* Whether s[0 .. len) is one number of at most `max`; its value in `*v`. */
static inline int portreg_decimal_parse(const char *s, size_t len, unsigned long max,
                                        unsigned long *v)
{
    if (len == 0 || portreg_decimal_digits(s, len) != len)
        return 0;
    *v = portreg_decimal_value(s, len, max);
    return *v <= max;
}

#endif
