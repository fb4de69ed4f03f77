#include "portreg.h"

const char *portreg_strerror(int error)
{
    switch (error) {
    case PORTREG_OK:
        return "success";
    case PORTREG_ENOTFOUND:
        return "not found";
    case PORTREG_EINVAL:
        return "invalid argument";
    case PORTREG_ENOREPLY:
        return "ICMP type has no request/reply partner";
    case PORTREG_ENOSPC:
        return "buffer too small";
    default:
        return "unknown error";
    }
}
