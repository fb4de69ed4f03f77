/*
 * What changed between two registry editions, record by record: what
 * `portreg-compile --diff OLD.xml NEW.xml` prints, for xml/update-registry.sh
 * and for users deciding whether a new edition matters to them.
 */
#ifndef PORTREG_COMPILER_DIFF_H
#define PORTREG_COMPILER_DIFF_H

#include <stdio.h>

#include "registry.h"

struct diff_counts {
    size_t added, removed, changed, unchanged;
};

/* Writes to `out` one line per record added (+), removed (-) or changed (~),
 * keyed by (name, protocol, port or range), then a summary line.  Records
 * with equal keys are paired in registry order.  Fills `counts`. */
void diff_registries(FILE *out, const struct registry *old_reg, const struct registry *new_reg,
                     struct diff_counts *counts);

#endif
