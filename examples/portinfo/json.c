/*
 * JSON string literals (RFC 8259).  The registry is valid UTF-8 (the
 * compiler refuses anything else), but queries and --flow lines come from
 * the user, so every string is checked: a JSON Lines consumer such as jq
 * rejects the whole line on one bad byte.
 */
#include <string.h>

#include "portinfo.h"

/* Length of the valid UTF-8 sequence at `s`, which has `avail` bytes
 * left, 0 when it is not one (overlong forms, surrogates and code points
 * above U+10FFFF included). */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
    size_t n, i;
    unsigned long cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        cp = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        cp = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n > avail)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

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
        } else if (*p < 0x20) { /* NUL included: it is text like any other here */
            fprintf(out, "\\u%04X", (unsigned)*p++);
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
