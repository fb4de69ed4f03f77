/*
 * --protocol QUERY: a record of the IANA protocol-numbers registry, by
 * number (50) or keyword in any case (esp); and --export=services or
 * --export=protocols: the registry as a services(5) or protocols(5) file,
 * for systems without NSS (musl, Alpine, BusyBox; docs/NSS.md).
 *
 * The export writes the model the NSS module answers from
 * (lib/nss/servent.h), in the module's enumeration order, so that glibc's
 * files backend reading the export gives the module's answers.
 */
#include <string.h>

#include "portinfo.h"
#include "servent.h"

static void print_protocol_json(FILE *out, const portreg_protocol *p, const char *query)
{
    uint8_t lo, hi;
    size_t i;

    portreg_protocol_numbers(p, &lo, &hi);
    fputs("{\"query\":", out);
    json_string(out, query);
    fprintf(out, ",\"number\":%u", (unsigned)lo);
    if (hi != lo)
        fprintf(out, ",\"number_hi\":%u", (unsigned)hi);
    fputs(",\"keyword\":", out);
    json_string(out, portreg_protocol_keyword(p));
    fputs(",\"description\":", out);
    json_string(out, portreg_protocol_description(p));
    fprintf(out, ",\"ipv6_extension_header\":%s,\"deprecated\":%s,\"references\":[",
            portreg_protocol_ipv6_ext(p) ? "true" : "false",
            portreg_protocol_deprecated(p) ? "true" : "false");
    for (i = 0; i < portreg_protocol_ref_count(p); i++) {
        fprintf(out, "%s{\"type\":", i ? "," : "");
        json_string(out, portreg_ref_type_name(portreg_protocol_ref_type(p, i)));
        fputs(",\"ref\":", out);
        json_string(out, portreg_protocol_ref(p, i));
        fputc('}', out);
    }
    fputs("]}\n", out);
}

static void print_protocol_text(FILE *out, const portreg_protocol *p)
{
    uint8_t lo, hi;
    size_t i;
    const char *k = portreg_protocol_keyword(p);

    portreg_protocol_numbers(p, &lo, &hi);
    if (hi != lo)
        fprintf(out, "number        %u-%u\n", (unsigned)lo, (unsigned)hi);
    else
        fprintf(out, "number        %u\n", (unsigned)lo);
    fprintf(out, "keyword       %s%s\n", k[0] ? k : "-",
            portreg_protocol_deprecated(p) ? " (deprecated)" : "");
    fprintf(out, "description   %s\n", portreg_protocol_description(p)[0]
                                           ? portreg_protocol_description(p) : "-");
    fprintf(out, "ipv6-ext-hdr  %s\n", portreg_protocol_ipv6_ext(p) ? "yes" : "no");
    for (i = 0; i < portreg_protocol_ref_count(p); i++)
        fprintf(out, "reference     %s %s\n",
                portreg_ref_type_name(portreg_protocol_ref_type(p, i)), portreg_protocol_ref(p, i));
}

int portinfo_protocol(FILE *out, const char *query, const portinfo_opts *o)
{
    const portreg_protocol *p;
    uint16_t n;

    /* A number by the library's one rule (as a port, then at most 255);
     * a keyword is never a number. */
    if (portinfo_parse_port(query, strlen(query), &n) == 0)
        p = n <= 255 ? portreg_protocol_by_number(n) : NULL;
    else
        p = portreg_protocol_by_keyword(query);
    if (!p) {
        fprintf(stderr, "portinfo: no protocol '%s' in the protocol-numbers registry (%s)\n",
                query, portreg_protocols_updated());
        return EXIT_NOTFOUND;
    }
    if (o->json)
        print_protocol_json(out, p, query);
    else
        print_protocol_text(out, p);
    return EXIT_FOUND;
}

static void export_services(FILE *out)
{
    struct servent_entry e;
    uint32_t cursor = 0;
    size_t i;

    fprintf(out,
            "# services(5): the IANA Service Name and Transport Protocol Port Number Registry,\n"
            "# the %s edition, as compiled into libportreg %s; written by\n"
            "# portinfo --export=services.  One line per port and protocol: the first name\n"
            "# registered for it, then the others as aliases.  Ranges (x11, 6000-6063) are\n"
            "# written port by port.  Names are those of the registry; see docs/NSS.md.\n",
            portreg_registry_updated(), portreg_version_string());
    for (; servent_next(&e, &cursor) == 0; cursor++) {
        fprintf(out, "%s\t%u/%s", e.names[0], (unsigned)e.port, portreg_proto_name(e.proto));
        for (i = 1; i < e.count; i++)
            fprintf(out, " %s", e.names[i]);
        fputc('\n', out);
    }
}

static void export_protocols(FILE *out)
{
    struct protoent_entry e;
    unsigned cursor = 0;
    char lower[64]; /* keywords have at most 63 bytes */
    size_t i;

    fprintf(out,
            "# protocols(5): the IANA Assigned Internet Protocol Numbers registry, the %s\n"
            "# edition, as compiled into libportreg %s; written by portinfo\n"
            "# --export=protocols.  Keyword in lower case, number, the keyword as the\n"
            "# registry writes it (when that differs), and the description.\n",
            portreg_protocols_updated(), portreg_version_string());
    for (; protoent_next(&e, &cursor) == 0; cursor++) {
        const char *d = portreg_protocol_description(portreg_protocol_by_number(e.number));
        for (i = 0; e.keyword[i] && i + 1 < sizeof lower; i++)
            lower[i] = (char)(e.keyword[i] >= 'A' && e.keyword[i] <= 'Z' ? e.keyword[i] + 32
                                                                         : e.keyword[i]);
        lower[i] = '\0';
        /* the registry's spelling is an alias when it is not the name */
        fprintf(out, "%s\t%u", lower, e.number);
        if (strcmp(lower, e.keyword) != 0)
            fprintf(out, "\t%s", e.keyword);
        if (d[0])
            fprintf(out, "\t# %s", d);
        fputc('\n', out);
    }
}

int portinfo_export(FILE *out, const char *what)
{
    if (strcmp(what, "services") == 0)
        export_services(out);
    else if (strcmp(what, "protocols") == 0)
        export_protocols(out);
    else
        return -1;
    return 0;
}
