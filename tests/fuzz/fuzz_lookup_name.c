/*
 * libFuzzer harness: name lookups.  The input is a name of any bytes (NULs
 * included); its first byte, when there is one, also picks the protocols,
 * junk bits included.  Checks what the header promises: a found record's
 * name equals the query (ASCII case folded), _all agrees with the single
 * lookup, and _len with a NUL-terminated copy when the name has no NUL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int same_name(const portreg_entry *e, const uint8_t *name, size_t len)
{
    const char *s = portreg_entry_name(e);
    size_t i;
    if (strlen(s) != len)
        return 0;
    for (i = 0; i < len; i++) {
        if (fold((unsigned char)s[i]) != fold(name[i]))
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned protos = size ? (unsigned)data[0] * 0x01010101u : PORTREG_ANY;
    const portreg_entry *by_len = portreg_lookup_name_len((const char *)data, size, protos);
    const portreg_entry *all[4];
    char *copy;
    size_t n;

    if (by_len) {
        if (!same_name(by_len, data, size) || memchr(data, 0, size) || size > 63 ||
            !(portreg_entry_protos(by_len) == 0 || (portreg_entry_protos(by_len) & protos)))
            abort();
    }
    if (memchr(data, 0, size) != NULL)
        return 0;

    copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    if (portreg_lookup_name(copy, protos) != by_len)
        abort();
    n = portreg_lookup_name_all(copy, protos, all, 4);
    if ((n > 0) != (by_len != NULL) || (n > 0 && all[0] != by_len))
        abort();
    if (portreg_lookup_name_all(copy, protos, NULL, 0) != n)
        abort();
    if (n > 0 && portreg_lookup_name(copy, protos & PORTREG_ANY) != by_len)
        abort();
    free(copy);
    return 0;
}
