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
    const struct portreg_transport *t = portreg_transport_of_flag(proto);
    return t ? t->name : "";
}

unsigned portreg_proto_from_name(const char *name)
{
    unsigned i;
    if (!name)
        return 0;
    for (i = 0; i < PORTREG_TRANSPORT_COUNT; i++) {
        if (portreg_name_folds_to(name, portreg_transports[i].name))
            return portreg_transports[i].flag;
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
