/* The protocol-numbers lookups that other parts of the runtime use on
 * text that is not NUL-terminated (tuple text). */
#ifndef PORTREG_PROTOCOL_INTERNAL_H
#define PORTREG_PROTOCOL_INTERNAL_H

#include <stddef.h>

#include "portreg.h"

/* As portreg_protocol_by_keyword() for `len` bytes at `keyword`. */
const portreg_protocol *portreg__protocol_by_keyword_len(const char *keyword, size_t len);

#endif
