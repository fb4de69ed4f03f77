/* Port ranges and the names of enum values. */
#include "portreg.h"

#include "portreg_table.h"

portreg_range portreg_classify(uint16_t port)
{
    if (port < 1024)
        return PORTREG_RANGE_SYSTEM;
    if (port < 49152)
        return PORTREG_RANGE_USER;
    return PORTREG_RANGE_DYNAMIC;
}

const char *portreg_range_name(portreg_range range)
{
    switch (range) {
    case PORTREG_RANGE_SYSTEM:
        return "system";
    case PORTREG_RANGE_USER:
        return "user";
    case PORTREG_RANGE_DYNAMIC:
        return "dynamic";
    }
    return "";
}

const char *portreg_proto_name(unsigned proto)
{
    switch (proto) {
    case PORTREG_TCP:
        return "tcp";
    case PORTREG_UDP:
        return "udp";
    case PORTREG_SCTP:
        return "sctp";
    case PORTREG_DCCP:
        return "dccp";
    }
    return "";
}

static int equals_folded(const char *s, const char *lower)
{
    for (; *lower; s++, lower++) {
        if (portreg_fold((unsigned char)*s) != (unsigned char)*lower)
            return 0;
    }
    return *s == '\0';
}

unsigned portreg_proto_from_name(const char *name)
{
    unsigned proto;
    if (!name)
        return 0;
    for (proto = PORTREG_TCP; proto <= PORTREG_DCCP; proto <<= 1) {
        if (equals_folded(name, portreg_proto_name(proto)))
            return proto;
    }
    return 0;
}

const char *portreg_status_name(portreg_status status)
{
    switch (status) {
    case PORTREG_STATUS_UNASSIGNED:
        return "unassigned";
    case PORTREG_STATUS_RESERVED:
        return "reserved";
    case PORTREG_STATUS_ASSIGNED:
        return "assigned";
    }
    return "";
}

const char *portreg_ref_type_name(portreg_ref_type type)
{
    switch (type) {
    case PORTREG_REF_RFC:
        return "rfc";
    case PORTREG_REF_DRAFT:
        return "draft";
    case PORTREG_REF_URI:
        return "uri";
    case PORTREG_REF_TEXT:
        return "text";
    case PORTREG_REF_NOTE:
        return "note";
    case PORTREG_REF_OTHER:
        return "other";
    }
    return "";
}
