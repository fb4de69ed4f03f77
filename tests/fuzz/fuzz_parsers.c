/*
 * libFuzzer harness: every string parser of the API on the same text:
 * portreg_parse_service (for protocols picked by the first byte),
 * portreg_proto_from_name and portreg_tuple_parse.  Results must be one
 * of the documented codes, and a parsed tuple must be one the library can
 * work with.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <portreg.h>

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned protos = size ? data[0] : 0;
    char *text = malloc(size + 1);
    uint16_t port = 0;
    unsigned flag;
    portreg_tuple t;
    int rc;

    memcpy(text, data, size);
    text[size] = '\0';

    rc = portreg_parse_service(&port, text, protos);
    if (rc != 0 && rc != PORTREG_EINVAL && rc != PORTREG_ENOTFOUND)
        abort();
    /* EINVAL is for "", NULL and numbers out of range: a string with a
     * non-digit ("999999x") is a name, so at worst ENOTFOUND. */
    if (rc == PORTREG_EINVAL && text[0] != '\0' && !all_digits(text))
        abort();
    if (rc == 0 && !all_digits(text) && portreg_lookup_name(text, protos) == NULL)
        abort(); /* a name that gave a port must be found */

    flag = portreg_proto_from_name(text);
    if (flag != 0 && flag != PORTREG_TCP && flag != PORTREG_UDP && flag != PORTREG_SCTP &&
        flag != PORTREG_DCCP)
        abort();
    if (flag != 0 && strlen(text) > 4)
        abort();

    memset(&t, 0xee, sizeof t);
    rc = portreg_tuple_parse(&t, text);
    if (rc != 0 && rc != PORTREG_EINVAL)
        abort();
    if (rc == 0) {
        char buf[256];
        size_t i;
        if (t.family != 4 && t.family != 6)
            abort();
        for (i = 0; i < sizeof t.reserved; i++) {
            if (t.reserved[i] != 0)
                abort();
        }
        if (t.reserved0 != 0 || (t.family == 4 && memcmp(t.src_addr + 4, t.reserved, 12) != 0))
            abort();
        if (portreg_tuple_format(&t, buf, sizeof buf) <= 0)
            abort(); /* everything parsed can be written */
    }
    free(text);
    return 0;
}
