/*
 * portinfo internals: the pieces main() in ../portinfo.c puts together.
 *
 *   query.c   turns command-line queries into a list of records
 *   output.c  prints records as a table, as --long blocks or as JSON Lines
 *   json.c    JSON string escaping (shared by records and flows)
 *   text.c    the same for a terminal: no control character gets through
 *   flow.c    --flow: parse, reverse, orient and key 5-tuples
 *   protocols.c  --protocol (IANA protocol numbers) and --export
 */
#ifndef PORTINFO_H
#define PORTINFO_H

#include <stdio.h>
#include <stddef.h>

#include <portreg.h>

/* Exit codes, as documented in portinfo(1).  EXIT_SYSTEM is for what the
 * user did not get wrong: a read or write error, or memory running out, so
 * that a script can tell "retry or investigate" from "fix the command". */
enum { EXIT_FOUND = 0, EXIT_NOTFOUND = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* Says "out of memory" on stderr and exits with EXIT_SYSTEM (portinfo.c). */
void portinfo_out_of_memory(void);

/* How results are printed. */
typedef struct portinfo_opts {
    int json;       /* --json: JSON Lines instead of a table */
    int longform;   /* --long: every field */
    int color;      /* resolved: 1 when ANSI colours are wanted */
    unsigned seed;  /* --seed: Community ID seed */
    unsigned hints; /* --hint: PORTREG_HINT_* about each flow's source */
    unsigned local_first, local_last; /* --local-range; 0, 0 when not given */
} portinfo_opts;

/* One matched record and the query that found it (echoed in JSON). */
typedef struct portinfo_hit {
    const portreg_entry *entry;
    const char *query;
} portinfo_hit;

/* A growable list of hits; records are kept in the order found. */
typedef struct portinfo_hits {
    portinfo_hit *v;
    size_t n, cap;
} portinfo_hits;

/* ---- query.c ---- */

/* Runs one query ("443", "443/udp", "6000-6010", "https", "domain/udp")
 * restricted to `protos`, appending what it finds.  Returns the number of
 * records found, or -1 for a malformed query (reported on stderr). */
long portinfo_query(portinfo_hits *hits, const char *query, unsigned protos);

/* Appends every record whose name or description contains `word`,
 * ignoring ASCII case, and whose protocol is in `protos`. */
long portinfo_search(portinfo_hits *hits, const char *word, unsigned protos);

/* Appends every record of the registry whose protocol is in `protos`. */
long portinfo_all(portinfo_hits *hits, unsigned protos);

/* Reads the `len` bytes at `s` as a port number, by the library's one
 * rule for them (portreg_parse_service(3)): ASCII digits only, leading
 * zeros allowed, at most 65535.  0 on success, -1 when it is not one. */
int portinfo_parse_port(const char *s, size_t len, uint16_t *port);

/* Parses "tcp", "udp,sctp", "any" into PORTREG_* flags; 0 when malformed. */
unsigned portinfo_parse_protos(const char *text);

void portinfo_hits_free(portinfo_hits *hits);

/* ---- output.c ---- */

void portinfo_print(FILE *out, const portinfo_hits *hits, const portinfo_opts *o);

/* ---- text.c ---- */

/* Length of the valid UTF-8 sequence at `s`, which has `avail` bytes
 * left; 0 when it is not one (overlong forms, surrogates and code points
 * above U+10FFFF included). */
size_t utf8_len(const unsigned char *s, size_t avail);

/* The code point of the UTF-8 sequence of `n` bytes at `s` when it is a
 * control character (C0, DEL or C1: U+0000-U+001F, U+007F-U+009F); -1
 * when it is not. */
long utf8_control(const unsigned char *s, size_t n);

/* Writes `len` bytes at `s` for a terminal: control characters as \xNN
 * (C0, DEL) or \uNNNN (C1), bytes that are not UTF-8 as \xNN, the rest
 * as it is.  Returns the bytes written; with a NULL `out`, only counts. */
size_t text_put_len(FILE *out, const char *s, size_t len);

/* The same for a string; NULL is "". */
size_t text_put(FILE *out, const char *s);

/* Writes "portinfo: ", `before`, the `untrusted` text through
 * text_put(), `after` and a newline to stderr. */
void complain(const char *before, const char *untrusted, const char *after);

/* ---- json.c ---- */

/* Writes `s` as a JSON string literal, quotes included.  Invalid UTF-8 is
 * replaced by U+FFFD so that the output is always valid JSON, and every
 * control character is a \u escape, so that JSON read on a terminal is
 * as safe as text. */
void json_string(FILE *out, const char *s);

/* The same for the `len` bytes at `s`, which may hold NUL bytes (\u0000). */
void json_string_len(FILE *out, const char *s, size_t len);

/* ---- flow.c ---- */

/* --flow TEXT: returns an exit code. */
int portinfo_flow_arg(FILE *out, const char *text, const portinfo_opts *o);

/* --flow -: one tuple per line from `in`; returns an exit code. */
int portinfo_flow_stream(FILE *out, FILE *in, const portinfo_opts *o);

/* ---- protocols.c ---- */

/* --protocol QUERY (a number 0-255 or a keyword): returns an exit code. */
int portinfo_protocol(FILE *out, const char *query, const portinfo_opts *o);

/* --export=services or --export=protocols; -1 for another word. */
int portinfo_export(FILE *out, const char *what);

#endif /* PORTINFO_H */
