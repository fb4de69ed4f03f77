#include "strpool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Offsets are 32-bit in the table format. */
#define STRPOOL_MAX ((size_t)UINT32_MAX)

static uint64_t hash_string(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a: build time only */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return h;
}

static void grow_slots(struct strpool *pool)
{
    size_t old_count = pool->slot_count, i;
    uint32_t *old = pool->slots;

    pool->slot_count = old_count ? old_count * 2 : 1024;
    pool->slots = xmalloc(pool->slot_count * sizeof *pool->slots);
    memset(pool->slots, 0, pool->slot_count * sizeof *pool->slots);
    for (i = 0; i < old_count; i++) {
        size_t j;
        if (!old[i])
            continue;
        j = (size_t)hash_string(pool->data + old[i] - 1) & (pool->slot_count - 1);
        while (pool->slots[j])
            j = (j + 1) & (pool->slot_count - 1);
        pool->slots[j] = old[i];
    }
    free(old);
}

void strpool_init(struct strpool *pool)
{
    memset(pool, 0, sizeof *pool);
    pool->cap = 1 << 16;
    pool->data = xmalloc(pool->cap);
    pool->data[0] = '\0';
    pool->len = 1;
    grow_slots(pool);
}

static void reserve(struct strpool *pool, size_t n)
{
    if (pool->len + n > STRPOOL_MAX) {
        fprintf(stderr, "portreg-compile: the string pool exceeds 4 GiB\n");
        exit(1);
    }
    if (pool->len + n > pool->cap) {
        while (pool->len + n > pool->cap)
            pool->cap *= 2;
        pool->data = xrealloc(pool->data, pool->cap);
    }
}

uint32_t strpool_append(struct strpool *pool, const char *data, size_t len)
{
    uint32_t offset;
    reserve(pool, len);
    offset = (uint32_t)pool->len;
    memcpy(pool->data + offset, data, len);
    pool->len += len;
    return offset;
}

static void pad_to_word(struct strpool *pool)
{
    static const char zeros[8];
    if (pool->len % 8)
        strpool_append(pool, zeros, 8 - pool->len % 8);
}

static uint32_t add(struct strpool *pool, const char *s, int as_words)
{
    size_t n = strlen(s) + 1, j;
    uint32_t offset;

    if (n == 1 && !as_words)
        return 0;
    j = (size_t)hash_string(s) & (pool->slot_count - 1);
    for (; pool->slots[j]; j = (j + 1) & (pool->slot_count - 1)) {
        if (strcmp(pool->data + pool->slots[j] - 1, s) == 0)
            return pool->slots[j] - 1;
    }
    if (as_words)
        pad_to_word(pool);
    offset = strpool_append(pool, s, n);
    if (as_words)
        pad_to_word(pool);
    pool->slots[j] = offset + 1;
    if (++pool->used * 2 > pool->slot_count)
        grow_slots(pool);
    return offset;
}

uint32_t strpool_add(struct strpool *pool, const char *s)
{
    return add(pool, s, 0);
}

uint32_t strpool_add_words(struct strpool *pool, const char *s)
{
    return add(pool, s, 1);
}

void strpool_free(struct strpool *pool)
{
    free(pool->data);
    free(pool->slots);
    memset(pool, 0, sizeof *pool);
}
