/* SPDX-License-Identifier: MIT */
/*
 * helpers.c: the event log, child processes and trace reading shared by
 * the runtime's tests (see helpers.h for the contracts).
 */
#define _DEFAULT_SOURCE /* P_tmpdir */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "async.h"
#include "helpers.h"
#include "internal.h"

/* ---- The event log ------------------------------------------------------ */

static char **entries; /* the lines logged so far */
static size_t nentries, capentries;

void
log_event(const char *fmt, ...)
{
    va_list ap;
    char buf[256];

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (nentries == capentries) {
        capentries = capentries ? 2 * capentries : 64;
        entries = realloc(entries, capentries * sizeof *entries);
        if (entries == NULL)
            abort();
    }
    entries[nentries] = strdup(buf);
    if (entries[nentries] == NULL)
        abort();
    nentries++;
}

void
log_reset(void)
{
    for (size_t i = 0; i < nentries; i++)
        free(entries[i]);
    free(entries);
    entries = NULL;
    nentries = capentries = 0;
}

size_t
log_count(void)
{
    return nentries;
}

const char *
log_get(size_t i)
{
    return i < nentries ? entries[i] : NULL;
}

/* log_check: the whole log against the expected lines. On a mismatch
 * both lists are printed side by side, the first difference marked. */
void
log_check(const char *const *expected, const char *file, int line)
{
    size_t n = 0;
    bool same;

    while (expected[n] != NULL)
        n++;
    same = n == nentries;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(expected[i], entries[i]) == 0;
    if (same)
        return;
    print_error("event log differs (expected | got):\n");
    for (size_t i = 0; i < n || i < nentries; i++) {
        const char *e = i < n ? expected[i] : "(none)";
        const char *g = i < nentries ? entries[i] : "(none)";
        print_error("  %s %-30s | %s\n", strcmp(e, g) ? "BAD " : "good", e,
                    g);
    }
    _fail(file, line);
}

/* ---- Fixtures ----------------------------------------------------------- */

int
log_setup(void **state)
{
    (void)state;
    log_reset();
    return 0;
}

int
log_teardown(void **state)
{
    (void)state;
    log_reset();
    return 0;
}

int
vclock_setup(void **state)
{
    (void)state;
    async_use_virtual_clock(true);
    clock_long_step(INFINITY); /* see clock_long_step */
    return 0;
}

int
vclock_teardown(void **state)
{
    (void)state;
    log_reset();
    return 0;
}

void
stop_cb(void *loop)
{
    async_loop_stop(loop);
}

/* ---- Child processes ---------------------------------------------------- */

/* LeakSanitizer would report, at the child's exit, what a fatal error
 * left allocated; the child's leaks are not what these tests check (the
 * parent's are), so the child turns it off when it runs under ASan. */
void __lsan_disable(void) __attribute__((weak));

static void
append(char **buf, size_t *len, const char *data, size_t n)
{
    *buf = realloc(*buf, *len + n + 1);
    if (*buf == NULL)
        abort();
    memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* In the child: cmocka's signal handlers belong to the parent's test
 * run; the child must die of its own signals. */
static void
child_main(child_fn *fn, void *arg, int out, int err)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    if (__lsan_disable != NULL)
        __lsan_disable();
    dup2(out, 1);
    dup2(err, 2);
    close(out);
    close(err);
    fn(arg);
    fflush(stdout);
    fflush(stderr);
    _exit(0);
}

/* The last child's outputs. A failing assertion leaves its test before
 * child_result_free; kept here, they stay reachable (and are freed by the
 * next run), so that a failure cannot turn into a leak report. */
static char *last_out, *last_err;

void
run_in_child(child_fn *fn, void *arg, struct child_result *r)
{
    int po[2], pe[2];
    size_t nout = 0, nerr = 0;

    free(last_out);
    free(last_err);
    memset(r, 0, sizeof *r);
    append(&r->out, &nout, "", 0);
    append(&r->err, &nerr, "", 0);
    if (pipe(po) != 0 || pipe(pe) != 0)
        abort();
    fflush(stdout); /* or the child prints the parent's buffer again */
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        close(po[0]);
        close(pe[0]);
        child_main(fn, arg, po[1], pe[1]);
    }
    close(po[1]);
    close(pe[1]);
    last_out = r->out;
    last_err = r->err;

    /* Read both pipes until both are closed, so neither can fill up
     * and stall the child. */
    struct pollfd fds[2] = {{.fd = po[0], .events = POLLIN},
                            {.fd = pe[0], .events = POLLIN}};
    int open = 2;
    while (open > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            abort();
        }
        for (int i = 0; i < 2; i++) {
            char buf[4096];
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                if (i == 0)
                    append(&r->out, &nout, buf, (size_t)n);
                else
                    append(&r->err, &nerr, buf, (size_t)n);
                last_out = r->out;
                last_err = r->err;
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open--;
            }
        }
    }

    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            abort();
    r->exited = WIFEXITED(status);
    r->status = r->exited ? WEXITSTATUS(status) : -1;
    r->signaled = WIFSIGNALED(status);
    r->sig = r->signaled ? WTERMSIG(status) : 0;
}

void
child_result_free(struct child_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
    last_out = last_err = NULL;
}

void
contains_check(const char *hay, const char *needle, const char *file,
               int line)
{
    if (hay != NULL && strstr(hay, needle) != NULL)
        return;
    print_error("expected to find:\n  %s\nin:\n%s\n", needle,
                hay ? hay : "(null)");
    _fail(file, line);
}

/* ---- The trace ---------------------------------------------------------- */

static char trace_path[256];

void
trace_to_temp_file(void)
{
    const char *dir = getenv("TMPDIR");

    snprintf(trace_path, sizeof trace_path, "%s/asyncbook-trace-XXXXXX",
             dir != NULL && *dir ? dir : P_tmpdir);
    int fd = mkstemp(trace_path);
    if (fd < 0)
        abort();
    close(fd);
    setenv("ASYNC_TRACE", trace_path, 1);
}

void
trace_remove_temp_file(void)
{
    if (trace_path[0] != '\0')
        unlink(trace_path);
}

long
trace_mark(void)
{
    FILE *f = fopen(trace_path, "r");
    long end;

    if (f == NULL)
        return 0;
    fseek(f, 0, SEEK_END);
    end = ftell(f);
    fclose(f);
    return end;
}

/* Copies the string field "key":"..." of line into out (size n). */
static void
field_string(const char *line, const char *key, char *out, size_t n)
{
    char pat[32];
    const char *p;
    size_t i = 0;

    out[0] = '\0';
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    if ((p = strstr(line, pat)) == NULL)
        return;
    for (p += strlen(pat); *p && *p != '"' && i + 1 < n; p++)
        out[i++] = *p;
    out[i] = '\0';
}

static double
field_number(const char *line, const char *key)
{
    char pat[32];
    const char *p;

    snprintf(pat, sizeof pat, "\"%s\":", key);
    if ((p = strstr(line, pat)) == NULL)
        return 0;
    return strtod(p + strlen(pat), NULL);
}

size_t
trace_read(long mark, struct trace_ev *ev, size_t n)
{
    FILE *f = fopen(trace_path, "r");
    char line[512];
    size_t count = 0;

    if (f == NULL)
        return 0;
    fseek(f, mark, SEEK_SET);
    while (fgets(line, sizeof line, f) != NULL) {
        if (count < n) {
            struct trace_ev *e = &ev[count];
            memset(e, 0, sizeof *e);
            e->t = field_number(line, "t");
            e->task = (long)field_number(line, "task");
            e->seconds = field_number(line, "seconds");
            e->cpu = strstr(line, "\"cpu\":") ? field_number(line, "cpu")
                                              : -1;
            field_string(line, "ev", e->ev, sizeof e->ev);
            field_string(line, "name", e->name, sizeof e->name);
            field_string(line, "why", e->why, sizeof e->why);
            field_string(line, "call", e->call, sizeof e->call);
        }
        count++;
    }
    fclose(f);
    return count;
}
