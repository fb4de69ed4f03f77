/*
 * Text for a terminal.  A terminal obeys the control characters in what it
 * is given: ESC (0x1B) and CSI (U+009B, or the byte 0x9B on an 8-bit
 * terminal) start sequences that move the cursor, recolour, retitle the
 * window or, on some terminals, answer back as if typed.  Queries, option
 * values and --flow lines come from whoever wrote the command or the
 * input file, and registry text from a file portinfo did not write, so
 * whatever of it reaches stdout or stderr as text goes through here.
 * (JSON has its own escapes: json.c.)
 */
#include <string.h>

#include "portinfo.h"

size_t utf8_len(const unsigned char *s, size_t avail)
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

long utf8_control(const unsigned char *s, size_t n)
{
    if (n == 1 && (s[0] < 0x20 || s[0] == 0x7F))
        return s[0];
    if (n == 2 && s[0] == 0xC2 && s[1] < 0xA0) /* U+0080-U+009F */
        return s[1];
    return -1;
}

size_t text_put_len(FILE *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    size_t written = 0;

    while (p < end) {
        size_t n = utf8_len(p, (size_t)(end - p));
        long control = n ? utf8_control(p, n) : -1;
        char esc[8];

        if (n && control < 0) {
            if (out)
                fwrite(p, 1, n, out);
            written += n;
            p += n;
            continue;
        }
        if (n == 0) /* not UTF-8: the byte itself, such as an 8-bit CSI */
            snprintf(esc, sizeof esc, "\\x%02X", (unsigned)*p);
        else if (control >= 0x80) /* C1, as its code point */
            snprintf(esc, sizeof esc, "\\u%04lX", (unsigned long)control);
        else /* C0 and DEL */
            snprintf(esc, sizeof esc, "\\x%02lX", (unsigned long)control);
        if (out)
            fputs(esc, out);
        written += strlen(esc);
        p += n ? n : 1;
    }
    return written;
}

size_t text_put(FILE *out, const char *s)
{
    return s ? text_put_len(out, s, strlen(s)) : 0;
}

void complain(const char *before, const char *untrusted, const char *after)
{
    fputs("portinfo: ", stderr);
    fputs(before, stderr);
    text_put(stderr, untrusted);
    fputs(after, stderr);
    putc('\n', stderr);
}
