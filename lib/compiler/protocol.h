/*
 * The IANA protocol-numbers registry as the compiler holds it between
 * reading the XML (protocol_read.c) and writing the C table
 * (protocol_emit.c).  Kept apart from struct registry: the two registries
 * share nothing but the string helpers and the reference types.
 */
#ifndef PORTREG_COMPILER_PROTOCOL_H
#define PORTREG_COMPILER_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "registry.h" /* struct ref */

struct protocol_record {
    long line;         /* of <record>, for messages */
    char *name;        /* <name> as written, collapsed; "" when none */
    char *keyword;     /* the keyword derived from it (protocol_read.c); "" when none */
    char *description; /* normalised; "" when none */
    unsigned lo, hi;   /* the value or range, 0-255 */
    int ipv6_ext;      /* <ipv6>Y</ipv6> */
    int deprecated;    /* the name ended in " (deprecated)" */
    struct ref *refs;  /* <xref> other than people */
    size_t ref_count;
};

struct protocol_registry {
    const char *path;
    char *updated;
    struct protocol_record *records;
    size_t record_count;
};

/* Reads and checks the protocol-numbers registry at `path`.  On failure
 * prints "path:line: what is wrong" to stderr and returns -1.  Call
 * protocol_free() afterwards in either case. */
int protocol_read(struct protocol_registry *reg, const char *path);

/* As protocol_read() for `len` bytes at `data`; `path` names them. */
int protocol_read_memory(struct protocol_registry *reg, const char *path, const char *data,
                         size_t len);

void protocol_free(struct protocol_registry *reg);

/* Writes the tables of portreg_table.h's protocol section as C.  Returns 0,
 * or -1 (with a message) when no keyword hash seed can be found.  `small`
 * writes the small profile's table (PORTREG_PROFILE=small): keywords,
 * numbers and flags, without descriptions and references. */
int protocol_emit(FILE *out, const struct protocol_registry *reg, int small);

/* Prints what changed between two editions, one line per number:
 * "+ 148 NEW-KEYWORD", "- 147 BIT-EMU", "~ 50 ESP: description ...".
 * Returns how many lines it printed. */
size_t protocol_diff(FILE *out, const struct protocol_registry *old_reg,
                     const struct protocol_registry *new_reg);

#endif
