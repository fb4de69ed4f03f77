/* The string pool of the generated table: every string once, by offset. */
#ifndef PORTREG_COMPILER_STRPOOL_H
#define PORTREG_COMPILER_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

struct strpool {
    char *data;       /* the strings, each NUL-terminated; data[0] is "" */
    size_t len, cap;
    uint32_t *slots;  /* open-addressing table of offsets + 1; 0 is empty */
    size_t slot_count, used;
};

void strpool_init(struct strpool *pool);
/* The offset of `s` in the pool, adding it the first time. */
uint32_t strpool_add(struct strpool *pool, const char *s);
/* As strpool_add, but a string added first this way starts on an 8-byte
 * boundary and is followed by NULs up to the next one (the layout of
 * folded names in portreg_table.h). */
uint32_t strpool_add_words(struct strpool *pool, const char *s);

/* Appends `len` bytes (which may hold NULs) without sharing them with
 * other strings; returns their offset.  `data` must end with a NUL. */
uint32_t strpool_append(struct strpool *pool, const char *data, size_t len);
void strpool_free(struct strpool *pool);

#endif
