/*
 * Registry text with control characters in it, for test_portinfo.py: it
 * preloads this into portinfo (LD_PRELOAD), whose calls to these three
 * accessors of the shared libportreg then get the text below for every
 * record.  No registry edition carries such text, and the compiler may
 * refuse it, but portinfo must not count on either: what reaches a
 * terminal must be safe whatever the tables hold.
 *
 * The text holds ESC with a colour sequence, CSI as U+009B in UTF-8 and
 * as the lone byte 0x9B (CSI on an 8-bit terminal), DEL and BEL.
 */
#include <portreg.h>

#define HOSTILE "evil\x1b[31m red \xc2\x9b" "31m csi \x9b" "31m byte \x7f del \x07 bel"

const char *portreg_entry_name(const portreg_entry *e)
{
    (void)e;
    return "name-" HOSTILE;
}

const char *portreg_entry_description(const portreg_entry *e)
{
    (void)e;
    return "description-" HOSTILE;
}

const char *portreg_entry_note(const portreg_entry *e)
{
    (void)e;
    return "note-" HOSTILE;
}
