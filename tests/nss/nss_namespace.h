/*
 * Puts the test in a private mount namespace with its own
 * /etc/nsswitch.conf (and, optionally, /etc/services and /etc/protocols)
 * bind-mounted over the system's, so that glibc's NSS reads them and the
 * machine's files stay untouched.  Needs root, or a user namespace; where
 * the machine refuses, the test is skipped (exit 77, SKIP_RETURN_CODE)
 * with a message that says why.
 */
#ifndef PORTREG_TEST_NSS_NAMESPACE_H
#define PORTREG_TEST_NSS_NAMESPACE_H

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define NSS_TEST_SKIP 77

static void nss_test_skip(const char *what)
{
    printf("SKIP: %s: %s; this machine does not allow a private mount namespace, so the "
           "test cannot point glibc at its own nsswitch.conf\n", what, strerror(errno));
    exit(NSS_TEST_SKIP);
}

/* Writes `text` to a temporary file and bind-mounts it over `target`. */
static void nss_test_bind(const char *target, const char *text)
{
    char path[] = "/tmp/portreg-nss-XXXXXX";
    int fd = mkstemp(path);
    size_t len = strlen(text);

    if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) != 0) {
        perror(path);
        exit(1);
    }
    /* "none": the type is ignored here, but valgrind checks that it is a string */
    if (mount(path, target, "none", MS_BIND, NULL) != 0)
        nss_test_skip(target);
    unlink(path); /* the mount keeps the file */
}

/* Enters the namespace; `nsswitch` is the new nsswitch.conf. */
static void nss_test_enter(const char *nsswitch)
{
    if (unshare(CLONE_NEWNS) != 0)
        nss_test_skip("unshare(CLONE_NEWNS)");
    if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0)
        nss_test_skip("mount --make-rprivate /");
    nss_test_bind("/etc/nsswitch.conf", nsswitch);
}

#endif
