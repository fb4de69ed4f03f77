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

int text_is_date(const char *s)
{
    return has_shape(s, "dddd-dd-dd");
}

int text_is_record_date(const char *s)
{
    return has_shape(s, "dddd-dd-dd") || has_shape(s, "dddd-dd");
}
