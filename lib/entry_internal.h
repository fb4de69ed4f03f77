/* Helpers shared by the runtime's accessor files. */
#ifndef PORTREG_ENTRY_INTERNAL_H
#define PORTREG_ENTRY_INTERNAL_H

#include "portreg.h"
#include "portreg_table.h"

static inline const char *pool_string(uint32_t offset)
{
    return portreg__pool + offset;
}

static inline size_t record_index(const portreg_entry *e)
{
    return (size_t)(e - portreg__records);
}

static inline unsigned record_flags(const portreg_entry *e)
{
    return portreg__record_flags[record_index(e)];
}

#endif
