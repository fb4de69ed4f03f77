/*
 * Prints what the C compiler makes of portreg.h's structures and error
 * codes, for the Python package's test that its ctypes declarations
 * (bindings/python/src/portreg/_clib.py, _constants.py) match the header:
 *
 *     struct NAME SIZE ALIGNMENT
 *     field NAME OFFSET SIZE          (for the struct above)
 *     error NAME VALUE
 */
#include <stddef.h>
#include <stdio.h>

#include <portreg.h>

/* C99 has no alignof: the offset of a member after a char is it. */
#define ALIGNMENT(type) offsetof(struct { char c; type member; }, member)
#define STRUCT(type) \
    printf("struct %s %zu %zu\n", #type, sizeof(type), ALIGNMENT(type))
#define FIELD(type, name) \
    printf("field %s %zu %zu\n", #name, offsetof(type, name), sizeof(((type *)0)->name))
#define ERROR(code) printf("error %s %d\n", #code, (int)(code))

int main(void)
{
    STRUCT(portreg_tuple);
    FIELD(portreg_tuple, family);
    FIELD(portreg_tuple, proto);
    FIELD(portreg_tuple, src_port);
    FIELD(portreg_tuple, dst_port);
    FIELD(portreg_tuple, reserved0);
    FIELD(portreg_tuple, src_addr);
    FIELD(portreg_tuple, dst_addr);
    FIELD(portreg_tuple, reserved);
    STRUCT(portreg_orientation);
    FIELD(portreg_orientation, swapped);
    FIELD(portreg_orientation, confidence);
    FIELD(portreg_orientation, reason);
    FIELD(portreg_orientation, reserved0);
    FIELD(portreg_orientation, src_score);
    FIELD(portreg_orientation, dst_score);
    FIELD(portreg_orientation, reserved);
    STRUCT(portreg_orient_options);
    FIELD(portreg_orient_options, version);
    FIELD(portreg_orient_options, hints);
    FIELD(portreg_orient_options, local_ephemeral_first);
    FIELD(portreg_orient_options, local_ephemeral_last);
    ERROR(PORTREG_OK);
    ERROR(PORTREG_ENOTFOUND);
    ERROR(PORTREG_EINVAL);
    ERROR(PORTREG_ENOREPLY);
    ERROR(PORTREG_ENOSPC);
    return 0;
}
