/* The names of portreg_tuple_orient()'s enums, for people and for files:
 * the constants' suffixes in lower case, as docs/ORIENTATION.md uses them. */
#include "portreg.h"

const char *portreg_reason_name(portreg_reason reason)
{
    switch (reason) {
    case PORTREG_REASON_HINT:
        return "hint";
    case PORTREG_REASON_SCORE:
        return "score";
    case PORTREG_REASON_LOWER_PORT:
        return "lower_port";
    case PORTREG_REASON_MULTICAST:
        return "multicast";
    case PORTREG_REASON_ICMP:
        return "icmp";
    case PORTREG_REASON_EQUAL_PORTS:
        return "equal_ports";
    case PORTREG_REASON_EPHEMERAL:
        return "ephemeral";
    case PORTREG_REASON_NO_PORTS:
        return "no_ports";
    case PORTREG_REASON_CLIENT_RANGE:
        return "client_range";
    case PORTREG_REASON_FIRST_PACKET:
        return "first_packet";
    case PORTREG_REASON_LOCAL_RANGE:
        return "local_range";
    }
    return "";
}

const char *portreg_confidence_name(portreg_confidence confidence)
{
    switch (confidence) {
    case PORTREG_CONFIDENCE_NONE:
        return "none";
    case PORTREG_CONFIDENCE_LOW:
        return "low";
    case PORTREG_CONFIDENCE_MEDIUM:
        return "medium";
    case PORTREG_CONFIDENCE_HIGH:
        return "high";
    }
    return "";
}
