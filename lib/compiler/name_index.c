/*
 * Hash-and-displace in the style of PTHash (Pibiri and Trani, SIGIR 2021):
 * keys hash to buckets of about BUCKET_LOAD keys; buckets are placed
 * largest first, each by searching for the smallest 16-bit pilot that
 * sends all its keys to free slots.  The runtime then needs one pilot
 * load, one slot load and one comparison (lib/portreg_table.h).
 */
#include "name_index.h"

#include <stdlib.h>
#include <string.h>

#include "portreg_table.h"
#include "text.h"

#define BUCKET_LOAD 4      /* average keys per bucket: 0.5 bytes of pilot per key */
#define SLOT_LOAD_PERCENT 97 /* keys per 100 slots */
#define MAX_SEEDS 64

/* A strong 64-bit finaliser (Stafford's Mix13 variant of splitmix64): the
 * next seed to try. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

struct bucket {
    uint32_t first; /* into the keys sorted by bucket */
    uint32_t size;
};

static uint64_t hash_key(const char *key, uint64_t seed)
{
    uint64_t words[PORTREG_NAME_WORDS_MAX];
    size_t len = strlen(key);
    memset(words, 0, sizeof words);
    memcpy(words, key, len);
    return portreg_name_hash(words, PORTREG_NAME_WORDS(len), seed);
}

struct placing {
    const uint64_t *hashes;  /* by key */
    uint32_t *order;         /* key indexes grouped by bucket */
    struct bucket *buckets;
    uint32_t *bucket_order;  /* buckets, largest first */
    uint8_t *taken;          /* by slot */
    uint32_t scratch[256];
};


/* Groups keys by bucket; fails when a bucket holds two equal hashes or
 * more keys than one pilot can place. */
static int group(struct name_index *ix, struct placing *pl, size_t n)
{
    uint32_t *counts = xmalloc(((size_t)ix->bucket_count + 1) * sizeof *counts);
    size_t i;
    uint32_t b;

    memset(counts, 0, ((size_t)ix->bucket_count + 1) * sizeof *counts);
    for (i = 0; i < n; i++)
        counts[portreg_name_bucket(pl->hashes[i], ix->bucket_count) + 1]++;
    for (b = 0; b < ix->bucket_count; b++) {
        pl->buckets[b].first = counts[b];
        pl->buckets[b].size = counts[b + 1];
        counts[b + 1] += counts[b];
    }
    for (i = 0; i < n; i++) {
        b = portreg_name_bucket(pl->hashes[i], ix->bucket_count);
        pl->order[counts[b]++] = (uint32_t)i;
    }
    free(counts);
    for (b = 0; b < ix->bucket_count; b++) {
        uint32_t j, k;
        const struct bucket *bk = &pl->buckets[b];
        if (bk->size > sizeof pl->scratch / sizeof pl->scratch[0])
            return -1;
        /* Keys of one bucket with the same low half can never be
         * separated: the pilot only changes what the low half is XORed with. */
        for (j = 0; j < bk->size; j++)
            for (k = j + 1; k < bk->size; k++)
                if ((uint32_t)pl->hashes[pl->order[bk->first + j]] ==
                    (uint32_t)pl->hashes[pl->order[bk->first + k]])
                    return -1;
    }
    return 0;
}

/* Sorts buckets by size, largest first, with a counting sort (stable, so
 * the build is reproducible). */
static void sort_buckets(struct name_index *ix, struct placing *pl)
{
    uint32_t counts[257] = {0};
    uint32_t b, s;

    for (b = 0; b < ix->bucket_count; b++)
        counts[256 - pl->buckets[b].size]++;
    for (s = 1; s < 257; s++)
        counts[s] += counts[s - 1];
    for (b = ix->bucket_count; b-- > 0;)
        pl->bucket_order[--counts[256 - pl->buckets[b].size]] = b;
}

static int try_pilot(struct name_index *ix, struct placing *pl, const struct bucket *bk,
                     uint16_t pilot)
{
    uint32_t j, k;
    for (j = 0; j < bk->size; j++) {
        uint32_t slot = portreg_name_slot(pl->hashes[pl->order[bk->first + j]], pilot,
                                          ix->slot_count);
        if (pl->taken[slot])
            return 0;
        for (k = 0; k < j; k++)
            if (pl->scratch[k] == slot)
                return 0;
        pl->scratch[j] = slot;
    }
    return 1;
}

static int place(struct name_index *ix, struct placing *pl)
{
    uint32_t i, j;
    for (i = 0; i < ix->bucket_count; i++) {
        uint32_t b = pl->bucket_order[i];
        const struct bucket *bk = &pl->buckets[b];
        uint32_t pilot;
        if (bk->size == 0)
            break; /* sorted: the rest are empty too */
        for (pilot = 0; pilot <= UINT16_MAX; pilot++) {
            if (try_pilot(ix, pl, bk, (uint16_t)pilot))
                break;
        }
        if (pilot > UINT16_MAX)
            return -1;
        ix->pilots[b] = (uint16_t)pilot;
        for (j = 0; j < bk->size; j++) {
            pl->taken[pl->scratch[j]] = 1;
            ix->slot_key[pl->scratch[j]] = (long)pl->order[bk->first + j];
        }
    }
    return 0;
}

size_t name_index_slots(size_t n)
{
    return n * 100 / SLOT_LOAD_PERCENT + 1;
}

int name_index_build(struct name_index *ix, const char *const *keys, size_t n)
{
    struct placing pl;
    uint64_t *hashes = xmalloc((n ? n : 1) * sizeof *hashes);
    uint64_t seed = UINT64_C(0x706f72747265670a); /* fixed: reproducible builds */
    size_t i;
    int ok = -1;

    memset(ix, 0, sizeof *ix);
    ix->bucket_count = (uint32_t)(n / BUCKET_LOAD + 1);
    ix->slot_count = (uint32_t)name_index_slots(n);
    ix->pilots = xmalloc(ix->bucket_count * sizeof *ix->pilots);
    ix->slot_key = xmalloc(ix->slot_count * sizeof *ix->slot_key);
    pl.hashes = hashes;
    pl.order = xmalloc((n ? n : 1) * sizeof *pl.order);
    pl.buckets = xmalloc(ix->bucket_count * sizeof *pl.buckets);
    pl.bucket_order = xmalloc(ix->bucket_count * sizeof *pl.bucket_order);
    pl.taken = xmalloc(ix->slot_count);

    for (ix->attempts = 1; ix->attempts <= MAX_SEEDS && ok < 0; ix->attempts++) {
        memset(ix->pilots, 0, ix->bucket_count * sizeof *ix->pilots);
        memset(pl.taken, 0, ix->slot_count);
        for (i = 0; i < ix->slot_count; i++)
            ix->slot_key[i] = -1;
        for (i = 0; i < n; i++)
            hashes[i] = hash_key(keys[i], seed);
        if (group(ix, &pl, n) == 0) {
            sort_buckets(ix, &pl);
            ok = place(ix, &pl);
        }
        if (ok == 0)
            ix->seed = seed;
        else
            seed = mix64(seed + 1);
    }
    free(hashes);
    free(pl.order);
    free(pl.buckets);
    free(pl.bucket_order);
    free(pl.taken);
    return ok;
}

void name_index_free(struct name_index *ix)
{
    free(ix->pilots);
    free(ix->slot_key);
    memset(ix, 0, sizeof *ix);
}
