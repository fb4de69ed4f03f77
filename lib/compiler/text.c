#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_xml_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *text_collapse(char *s)
{
    char *out = s;
    const char *in = s;
    int pending_space = 0;

    for (; *in; in++) {
        if (is_xml_space(*in)) {
            pending_space = out != s;
            continue;
        }
        if (pending_space)
            *out++ = ' ';
        pending_space = 0;
        *out++ = *in;
    }
    *out = '\0';
    return s;
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        fprintf(stderr, "portreg-compile: out of memory\n");
        exit(1);
    }
    return p;
}

void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        fprintf(stderr, "portreg-compile: out of memory\n");
        exit(1);
    }
    return p;
}

void *xgrow(void *p, size_t count, size_t size)
{
    size_t cap = count ? 2 * count : 1;
    if (count & (count - 1))
        return p; /* not a power of two: below the capacity */
    if (cap < count || cap > (size_t)-1 / size) {
        fprintf(stderr, "portreg-compile: out of memory\n");
        exit(1);
    }
    return xrealloc(p, cap * size);
}

char *text_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static int has_shape(const char *s, const char *shape)
{
    size_t i;
    for (i = 0; shape[i]; i++) {
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return 0;
    }
    return s[i] == '\0';
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Month 01-12 at s[5], and when `with_day`, day 01-31 at s[8]; the shape
 * has been checked.  (No calendar: 2023-02-30 passes; the point is to
 * refuse what cannot be a date, not to validate one.) */
static int plausible(const char *s, int with_day)
{
    int month = two_digits(s + 5);
    int day = with_day ? two_digits(s + 8) : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int text_is_date(const char *s)
{
    return has_shape(s, "dddd-dd-dd") && plausible(s, 1);
}

int text_is_record_date(const char *s)
{
    return (has_shape(s, "dddd-dd-dd") && plausible(s, 1)) ||
           (has_shape(s, "dddd-dd") && plausible(s, 0));
}
