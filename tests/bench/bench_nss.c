/*
 * The NSS rows of the benchmark: getservbyname_r() and getservbyport_r()
 * through glibc's nsswitch, each configuration in a child of its own, in a
 * private mount namespace with its own /etc/nsswitch.conf:
 *   - services: portregnull  a module answering from a constant: the floor,
 *                            glibc's dispatch (and its stat of
 *                            nsswitch.conf) alone;
 *   - services: portreg      libnss_portreg.so.2;
 *   - services: files        portinfo --export=services, the full registry,
 *                            bind-mounted over /etc/services.
 * Every child times the same queries, and also portreg_lookup_name() and
 * portreg_lookup_port() called directly, so the cost of NSS dispatch over
 * a direct call is measured in the same process.  A child is this program
 * again (--nss-child), started with LD_LIBRARY_PATH naming the modules:
 * the loader reads that variable only at start-up.
 *
 * glibc stats /etc/nsswitch.conf on every call (to reload it when it
 * changes); where system calls are slow that stat is most of the floor.
 * So each configuration is also timed with reloading off, as getent -s
 * does it (__nss_configure_lookup), which leaves the dispatch without the
 * system call: the "-nostat" rows.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <portreg.h>

#include "bench_nss.h"
#include "bench_util.h"

extern int __nss_configure_lookup(const char *db, const char *service_line);

#define QUERIES 2000

struct query {
    char name[64];
    char proto[8];
    unsigned port;
};

/* Named records with a port for tcp or udp, spread over the registry. */
static size_t make_queries(struct query *q, size_t cap)
{
    size_t n = 0, count = portreg_count(), i, step;
    for (step = count / cap / 2 + 1, i = 0; i < count && n < cap; i += step) {
        const portreg_entry *e = portreg_at(i);
        unsigned p = portreg_entry_protos(e);
        uint16_t lo;
        if (!portreg_entry_name(e)[0] || portreg_entry_ports(e, &lo, NULL) != 0 ||
            (p != PORTREG_TCP && p != PORTREG_UDP) || strlen(portreg_entry_name(e)) >= 64 ||
            strchr(portreg_entry_name(e), ' '))
            continue;
        snprintf(q[n].name, sizeof q[n].name, "%s", portreg_entry_name(e));
        snprintf(q[n].proto, sizeof q[n].proto, "%s", portreg_proto_name(p));
        q[n].port = lo;
        n++;
    }
    return n;
}

static volatile unsigned long sink;

/* One op over every query, `reps` times; ns per call. */
static double time_op(int op, const struct query *q, size_t n, size_t reps)
{
    struct servent se, *sp;
    char buf[1024];
    size_t r, i;
    double t0 = bench_now_ns();
    unsigned long answered = 0;

    for (r = 0; r < reps; r++) {
        for (i = 0; i < n; i++) {
            switch (op) {
            case 0:
                sp = NULL;
                getservbyname_r(q[i].name, q[i].proto, &se, buf, sizeof buf, &sp);
                answered += sp != NULL;
                break;
            case 1:
                sp = NULL;
                getservbyport_r((int)htons((uint16_t)q[i].port), q[i].proto, &se, buf, sizeof buf,
                                &sp);
                answered += sp != NULL;
                break;
            case 2:
                answered += portreg_lookup_name(q[i].name, portreg_proto_from_name(q[i].proto)) != NULL;
                break;
            default:
                answered += portreg_lookup_port((uint16_t)q[i].port,
                                                portreg_proto_from_name(q[i].proto)) != NULL;
                break;
            }
        }
    }
    sink += answered;
    return (bench_now_ns() - t0) / (double)(reps * n);
}

/* --nss-child CONFIG RUNS REPS: prints "ns_byname ns_byport ns_direct_name
 * ns_direct_port answered_byname answered_byport" (medians). */
int bench_nss_child(int argc, char **argv)
{
    static struct query q[QUERIES];
    size_t n = make_queries(q, QUERIES), runs, reps, r;
    double v[4][64], med[4];
    unsigned long before;
    int op;

    if (argc != 4)
        return 2;
    /* argv[3] is the services line, or "-" to keep nsswitch.conf's (and its stat) */
    if (strcmp(argv[3], "-") != 0 && __nss_configure_lookup("services", argv[3]) != 0)
        return 2;
    runs = strtoul(argv[1], NULL, 10);
    reps = strtoul(argv[2], NULL, 10);
    if (runs < 1 || runs > 64 || reps < 1)
        return 2;
    for (op = 0; op < 4; op++) /* warm-up: loads the module, reads the file */
        (void)time_op(op, q, n < 50 ? n : 50, 1);
    for (r = 0; r < runs; r++)
        for (op = 0; op < 4; op++)
            v[op][r] = time_op(op, q, n, op < 2 ? reps : reps * 10);
    for (op = 0; op < 4; op++) {
        qsort(v[op], runs, sizeof v[op][0], bench_cmp_double);
        med[op] = v[op][runs / 2];
    }
    before = sink;
    (void)time_op(0, q, n, 1);
    printf("%.1f %.1f %.2f %.2f %lu", med[0], med[1], med[2], med[3], sink - before);
    before = sink;
    (void)time_op(1, q, n, 1);
    printf(" %lu %zu\n", sink - before, n);
    return 0;
}

struct config {
    const char *name;    /* as printed */
    const char *line;    /* the services: line */
    int bind_services;   /* the export over /etc/services */
    int nostat;          /* __nss_configure_lookup: no reload, no stat */
    size_t reps;
    double ns[4];
    unsigned long answered[2];
    size_t queries;
    char status[160];
};

static void run_child(struct config *c, const char *self, const char *dir, const char *libpath,
                      size_t runs)
{
    char conf[600], exported[600], out[600], cmd[64];
    int fds[2], status;
    pid_t pid;
    FILE *f;

    snprintf(conf, sizeof conf, "%s/nsswitch-%s.conf", dir, c->name);
    snprintf(exported, sizeof exported, "%s/services-export", dir);
    f = fopen(conf, "w");
    if (!f || fprintf(f, "services: %s\nprotocols: files\n", c->line) < 0 || fclose(f) != 0) {
        snprintf(c->status, sizeof c->status, "cannot write %.120s", conf);
        return;
    }
    if (pipe(fds) != 0)
        return;
    pid = fork();
    if (pid == 0) {
        char runs_s[16], reps_s[32];
        close(fds[0]);
        dup2(fds[1], 1);
        if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount(conf, "/etc/nsswitch.conf", NULL, MS_BIND, NULL) != 0 ||
            (c->bind_services && mount(exported, "/etc/services", NULL, MS_BIND, NULL) != 0)) {
            printf("error %s\n", strerror(errno));
            _exit(1);
        }
        setenv("LD_LIBRARY_PATH", libpath, 1);
        snprintf(runs_s, sizeof runs_s, "%zu", runs);
        snprintf(reps_s, sizeof reps_s, "%zu", c->reps);
        snprintf(cmd, sizeof cmd, "--nss-child");
        execl(self, self, cmd, c->name, runs_s, reps_s, c->nostat ? c->line : "-", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    f = fdopen(fds[0], "r");
    if (!f || !fgets(out, sizeof out, f)) {
        snprintf(c->status, sizeof c->status, "no answer from the child");
    } else if (sscanf(out, "%lf %lf %lf %lf %lu %lu %zu", &c->ns[0], &c->ns[1], &c->ns[2],
                      &c->ns[3], &c->answered[0], &c->answered[1], &c->queries) != 7) {
        snprintf(c->status, sizeof c->status, "%.150s", out);
        c->status[strcspn(c->status, "\n")] = '\0';
    }
    if (f)
        fclose(f);
    waitpid(pid, &status, 0);
}

void bench_nss(const char *self, const char *dir, size_t runs)
{
    struct config configs[] = {
        {"floor", "portregnull", 0, 0, 100, {0}, {0}, 0, ""},
        {"portreg", "portreg", 0, 0, 100, {0}, {0}, 0, ""},
        {"files", "files", 1, 0, 1, {0}, {0}, 0, ""},
        {"floor-nostat", "portregnull", 0, 1, 100, {0}, {0}, 0, ""},
        {"portreg-nostat", "portreg", 0, 1, 100, {0}, {0}, 0, ""},
        {"files-nostat", "files", 1, 1, 1, {0}, {0}, 0, ""},
    };
    char cmd[1200], libpath[1200];
    size_t i, lines = 0;
    FILE *f;

    if (geteuid() != 0) {
        printf("nss: not measured (not root: no private mount namespace for nsswitch.conf)\n");
        return;
    }
    snprintf(cmd, sizeof cmd, "'%s' --export=services > '%s/services-export'", BENCH_PORTINFO,
             dir);
    if (system(cmd) != 0) {
        printf("nss: not measured (portinfo --export=services failed)\n");
        return;
    }
    snprintf(cmd, sizeof cmd, "%s/services-export", dir);
    if ((f = fopen(cmd, "r")) != NULL) {
        char line[512];
        while (fgets(line, sizeof line, f))
            lines += line[0] != '#';
        fclose(f);
    }
    snprintf(libpath, sizeof libpath, "%s:%s", BENCH_NSS_MODULE_DIR, BENCH_NSS_NULL_DIR);
    printf("nss: %zu runs per configuration, each a child in a private mount namespace with "
           "its own nsswitch.conf; files reads portinfo --export=services (%zu lines)\n",
           runs, lines);
    fflush(stdout);
    for (i = 0; i < sizeof configs / sizeof configs[0]; i++)
        run_child(&configs[i], self, dir, libpath, runs);

    printf("\n| services: | getservbyname_r ns | getservbyport_r ns | answered | "
           "direct portreg_lookup_name ns | direct portreg_lookup_port ns |\n"
           "|---|---:|---:|---:|---:|---:|\n");
    for (i = 0; i < sizeof configs / sizeof configs[0]; i++) {
        struct config *c = &configs[i];
        if (c->status[0]) {
            printf("| %s | not measured: %s |||||\n", c->line, c->status);
            continue;
        }
        printf("| %s%s | %.1f | %.1f | %lu+%lu of %zu+%zu | %.2f | %.2f |\n", c->line,
               c->nostat ? " (no reload: no stat)" : "", c->ns[0],
               c->ns[1], c->answered[0], c->answered[1], c->queries, c->queries, c->ns[2],
               c->ns[3]);
    }
    for (i = 0; i + 2 < sizeof configs / sizeof configs[0]; i += 3) {
        const struct config *fl = &configs[i], *pr = &configs[i + 1], *fi = &configs[i + 2];
        if (fl->status[0] || pr->status[0] || fi->status[0])
            continue;
        printf("\nnss ratios%s (same run): portreg / floor: byname %.2fx, byport %.2fx "
               "(target <= 1.5x); files / portreg: byname %.0fx, byport %.0fx "
               "(target >= 500x); NSS dispatch over a direct call: byname +%.0f ns "
               "(%.0fx), byport +%.0f ns (%.0fx)\n",
               fl->nostat ? " with reloading off" : " through nsswitch.conf", pr->ns[0] / fl->ns[0], pr->ns[1] / fl->ns[1], fi->ns[0] / pr->ns[0],
               fi->ns[1] / pr->ns[1], pr->ns[0] - pr->ns[2], pr->ns[0] / pr->ns[2],
               pr->ns[1] - pr->ns[3], pr->ns[1] / pr->ns[3]);
    }
}
