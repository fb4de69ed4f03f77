/*
 * JSON string literals (RFC 8259).  The registry is valid UTF-8 (the
 * compiler refuses anything else), but queries and --flow lines come from
 * the user, so every string is checked: a JSON Lines consumer such as jq
 * rejects the whole line on one bad byte.  UTF-8 is read by text.c.
 */
#include <string.h>

#include "portinfo.h"

void json_string_len(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;

    putc('"', out);
    while (p < end) {
        size_t n = utf8_len(p, (size_t)(end - p));
        if (n == 0) {
            fputs("\\ufffd", out);
            p++;
        } else if (*p == '"' || *p == '\\') {
            putc('\\', out);
            putc(*p++, out);
        } else if (utf8_control(p, n) >= 0) {
            /* RFC 8259 requires only C0 (NUL included) to be escaped; DEL
             * and C1 are too, so that no CSI reaches a terminal raw. */
            fprintf(out, "\\u%04lX", (unsigned long)utf8_control(p, n));
            p += n;
        } else {
            fwrite(p, 1, n, out);
            p += n;
        }
    }
    putc('"', out);
}

void json_string(FILE *out, const char *s)
{
    s = s ? s : "";
    json_string_len(out, s, strlen(s));
}
