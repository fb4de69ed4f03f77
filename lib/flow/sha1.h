/*
 * SHA-1 (FIPS 180-4), private to the library: Community ID v1 needs it and
 * the library depends on nothing but libc.  Not for security purposes.
 */
#ifndef PORTREG_SHA1_H
#define PORTREG_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define PORTREG__SHA1_DIGEST 20

typedef struct portreg__sha1 {
    uint32_t h[5];
    uint64_t length;      /* bytes hashed so far */
    uint8_t block[64];    /* the partial block */
    size_t used;          /* bytes of it in use */
} portreg__sha1;

void portreg__sha1_init(portreg__sha1 *ctx);
void portreg__sha1_update(portreg__sha1 *ctx, const void *data, size_t len);
void portreg__sha1_final(portreg__sha1 *ctx, uint8_t digest[PORTREG__SHA1_DIGEST]);

#endif /* PORTREG_SHA1_H */
