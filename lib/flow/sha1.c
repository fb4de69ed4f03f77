/*
 * SHA-1 after FIPS 180-4 section 6.1, written for clarity over speed: a
 * Community ID hashes at most 40 bytes, one or two blocks.
 */
#include <string.h>

#include "sha1.h"

static uint32_t rol32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32u - n));
}

static uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* The round function and constant of round t (FIPS 180-4 4.1.1, 4.2.1). */
static uint32_t round_f(unsigned t, uint32_t b, uint32_t c, uint32_t d)
{
    if (t < 20)
        return ((b & c) | (~b & d)) + UINT32_C(0x5a827999);
    if (t < 40)
        return (b ^ c ^ d) + UINT32_C(0x6ed9eba1);
    if (t < 60)
        return ((b & c) | (b & d) | (c & d)) + UINT32_C(0x8f1bbcdc);
    return (b ^ c ^ d) + UINT32_C(0xca62c1d6);
}

static void compress(uint32_t h[5], const uint8_t block[64])
{
    uint32_t w[80];
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    unsigned t;

    for (t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    for (t = 16; t < 80; t++)
        w[t] = rol32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    for (t = 0; t < 80; t++) {
        uint32_t tmp = rol32(a, 5) + round_f(t, b, c, d) + e + w[t];

        e = d;
        d = c;
        c = rol32(b, 30);
        b = a;
        a = tmp;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

void portreg__sha1_init(portreg__sha1 *ctx)
{
    ctx->h[0] = UINT32_C(0x67452301);
    ctx->h[1] = UINT32_C(0xefcdab89);
    ctx->h[2] = UINT32_C(0x98badcfe);
    ctx->h[3] = UINT32_C(0x10325476);
    ctx->h[4] = UINT32_C(0xc3d2e1f0);
    ctx->length = 0;
    ctx->used = 0;
}

void portreg__sha1_update(portreg__sha1 *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;

    ctx->length += len;
    while (len > 0) {
        size_t take = sizeof ctx->block - ctx->used;

        if (take > len)
            take = len;
        memcpy(ctx->block + ctx->used, p, take);
        ctx->used += take;
        p += take;
        len -= take;
        if (ctx->used == sizeof ctx->block) {
            compress(ctx->h, ctx->block);
            ctx->used = 0;
        }
    }
}

void portreg__sha1_final(portreg__sha1 *ctx, uint8_t digest[PORTREG__SHA1_DIGEST])
{
    uint64_t bits = ctx->length * 8u;
    unsigned i;

    /* Padding: 0x80, zeros up to 56 mod 64, then the bit length. */
    ctx->block[ctx->used++] = 0x80;
    if (ctx->used > 56) {
        memset(ctx->block + ctx->used, 0, sizeof ctx->block - ctx->used);
        compress(ctx->h, ctx->block);
        ctx->used = 0;
    }
    memset(ctx->block + ctx->used, 0, 56 - ctx->used);
    store_be32(ctx->block + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->block + 60, (uint32_t)bits);
    compress(ctx->h, ctx->block);
    for (i = 0; i < 5; i++)
        store_be32(digest + 4 * i, ctx->h[i]);
}
