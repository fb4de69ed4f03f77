/*
 * libFuzzer harness: protocol keyword lookups (1.1).  The input is a
 * keyword of any bytes.  Checks what the header promises: a found record's
 * keyword equals the input with ASCII case folded; no NUL, empty or
 * over-long input matches; the record is the one of its number; and tuple
 * text with the input as its protocol parses exactly when the lookup (or a
 * number, or a transport name) says it should not be refused for the word.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <portreg.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy, text[200];
    const portreg_protocol *p;
    portreg_tuple t;
    uint8_t lo, hi;

    if (memchr(data, 0, size) != NULL)
        return 0;
    copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    p = portreg_protocol_by_keyword(copy);
    if (p) {
        if (size == 0 || size > 63 || strcasecmp(portreg_protocol_keyword(p), copy) != 0)
            abort();
        if (portreg_protocol_numbers(p, &lo, &hi) != 0 || portreg_protocol_by_number(lo) != p)
            abort();
        /* A keyword is a protocol of tuple text (ICMP and ports aside). */
        if (!strchr(copy, ' ') && !strchr(copy, '\t') && !strchr(copy, '\n') &&
            !strchr(copy, '\r') && lo != 1 && lo != 58 && lo != 6 && lo != 17 && lo != 33 &&
            lo != 132) {
            snprintf(text, sizeof text, "%s 10.0.0.1 -> 10.0.0.2", copy);
            if (portreg_tuple_parse(&t, text) != 0 || t.proto != lo)
                abort();
        }
    } else if (size > 0 && size < 100) {
        /* Whatever the word, parsing must not crash. */
        snprintf(text, sizeof text, "%s 10.0.0.1 -> 10.0.0.2", copy);
        (void)portreg_tuple_parse(&t, text);
    }
    free(copy);
    return 0;
}
