/* Assignees and contacts, resolved through the registry's <people>. */
#include "entry_internal.h"

#if defined(PORTREG_PROFILE_SMALL)
/* The small profile has no people (portreg_table.h): every record has no
 * assignee and no contact, so there is no person to ask about. */
size_t portreg_entry_assignee_count(const portreg_entry *e)
{
    (void)e;
    return 0;
}

const portreg_person *portreg_entry_assignee(const portreg_entry *e, size_t i)
{
    (void)e;
    (void)i;
    return NULL;
}

size_t portreg_entry_contact_count(const portreg_entry *e)
{
    (void)e;
    return 0;
}

const portreg_person *portreg_entry_contact(const portreg_entry *e, size_t i)
{
    (void)e;
    (void)i;
    return NULL;
}

const char *portreg_person_id(const portreg_person *p)
{
    (void)p;
    return "";
}

const char *portreg_person_name(const portreg_person *p)
{
    (void)p;
    return "";
}

const char *portreg_person_org(const portreg_person *p)
{
    (void)p;
    return "";
}

const char *portreg_person_uri(const portreg_person *p)
{
    (void)p;
    return "";
}

#else /* the full profile */

/* parties[0] is all zeros: no assignee, no contact. */
static const struct portreg_party *party_of(const portreg_entry *e)
{
    return &portreg__parties[e ? e->parties : 0];
}

static const portreg_person *person_at(size_t people_index)
{
    return &portreg__people[portreg__party_people[people_index]];
}

size_t portreg_entry_assignee_count(const portreg_entry *e)
{
    return party_of(e)->assignees;
}

const portreg_person *portreg_entry_assignee(const portreg_entry *e, size_t i)
{
    const struct portreg_party *p = party_of(e);
    return i < p->assignees ? person_at(p->first + i) : NULL;
}

size_t portreg_entry_contact_count(const portreg_entry *e)
{
    return party_of(e)->contacts;
}

const portreg_person *portreg_entry_contact(const portreg_entry *e, size_t i)
{
    const struct portreg_party *p = party_of(e);
    return i < p->contacts ? person_at((size_t)p->first + p->assignees + i) : NULL;
}

enum person_field { PERSON_ID, PERSON_NAME, PERSON_ORG, PERSON_URI };

/* The fields are consecutive strings (portreg_table.h): skip to the one wanted. */
static const char *person_field(const portreg_person *p, enum person_field field)
{
    const char *s;
    int i;
    if (!p)
        return "";
    s = pool_string(p->strings);
    for (i = 0; i < (int)field; i++)
        s += strlen(s) + 1;
    return s;
}

const char *portreg_person_id(const portreg_person *p)
{
    return person_field(p, PERSON_ID);
}

const char *portreg_person_name(const portreg_person *p)
{
    return person_field(p, PERSON_NAME);
}

const char *portreg_person_org(const portreg_person *p)
{
    return person_field(p, PERSON_ORG);
}

const char *portreg_person_uri(const portreg_person *p)
{
    return person_field(p, PERSON_URI);
}

#endif
