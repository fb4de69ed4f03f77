/*
 * libFuzzer harness: the registry compiler on arbitrary bytes, through the
 * same code as the build (registry_read_memory(), then emit_table() and
 * emit_small_table() into /dev/null when the registry is accepted).  Only crashes, leaks and
 * sanitizer reports count: refusing the input is the normal outcome.
 */
#include <stdint.h>
#include <stdio.h>

#include <libxml/parser.h>

#include "emit.h"
#include "registry.h"

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    sink = fopen("/dev/null", "w");
    /* The compiler's messages go to stderr: run with -close_fd_mask=2 to
     * silence them (libFuzzer and the sanitizers keep their own output). */
    return sink ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct registry reg;
    struct emit_stats stats;

    if (registry_read_memory(&reg, "fuzz.xml", (const char *)data, size) == 0) {
        (void)emit_table(sink, &reg, &stats);
        (void)emit_small_table(sink, &reg, &stats); /* PORTREG_PROFILE=small */
    }
    registry_free(&reg);
    return 0;
}
