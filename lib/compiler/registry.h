/*
 * The registry as the compiler holds it in memory between reading the XML
 * (registry_read.c) and writing the C table (emit.c).
 */
#ifndef PORTREG_COMPILER_REGISTRY_H
#define PORTREG_COMPILER_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

struct ref {
    unsigned type; /* a portreg_ref_type */
    char *data;
};

struct record {
    long line;            /* of <record> in the XML, for messages */
    char *name;           /* as written; "" when none */
    char *description;    /* normalised */
    char *note;           /* normalised; "" when none */
    char *unauthorized;   /* normalised; "" when none */
    char *date;           /* "YYYY-MM-DD" or "" */
    char *updated;        /* "YYYY-MM-DD" or "" */
    unsigned proto;       /* one PORTREG_* flag, 0 when none */
    int has_number;
    uint16_t port_lo, port_hi;
    int has_service_code;
    uint32_t service_code;
    struct ref *refs;
    size_t ref_count;
    char **assignees;     /* person ids */
    size_t assignee_count;
    char **contacts;      /* person ids */
    size_t contact_count;
};

struct person {
    long line;
    char *id, *name, *org, *uri;
};

struct registry {
    const char *path;
    char *updated;
    struct record *records;
    size_t record_count;
    struct person *people;
    size_t person_count;
};

/* Reads and checks the registry at `path`.  On failure prints
 * "path:line: what is wrong" to stderr and returns -1. */
int registry_read(struct registry *reg, const char *path);

/* As registry_read() for `len` bytes at `data` (which need not end in a
 * NUL); `path` names them in messages and must outlive `reg`.  Used by the
 * fuzzing harness.  Call registry_free() afterwards in either case. */
int registry_read_memory(struct registry *reg, const char *path, const char *data, size_t len);

/* The index of the person with `id`, or -1. */
long registry_find_person(const struct registry *reg, const char *id);

void registry_free(struct registry *reg);

#endif
