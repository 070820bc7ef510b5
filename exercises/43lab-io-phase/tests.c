// SPDX-License-Identifier: MIT
/*
 * tests.c: lab 43lab's unit tests, of the runtime's own kind
 * (runtime/tests/test_io.c). Given: read them, do not change them.
 * Each test runs on its own, on real pipes and socket pairs; how many,
 * and which are ready, is drawn from the run's seed. Nothing really
 * waits: every wait of the I/O phase is a look (a timeout of 0), since
 * each test says a callback is ready (io.nready = 1) or has a descriptor
 * ready already.
 */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lab_io.h"

/* ---- Drawn inputs ---------------------------------------------------- */

/* draw: a number in [lo, hi], from this test's share of the seed. */
static unsigned
draw(unsigned lo, unsigned hi)
{
    return lo + (unsigned)unit_rand_below(hi - lo + 1);
}

/* ---- Helpers ------------------------------------------------------------ */

#define MAX 12

static struct lab_io io;

/* What the callbacks saw, in order. */
static struct {
    int fd;
    unsigned events;
} seen[64];
static int nseen;

static void
record(int fd, unsigned events, void *arg)
{
    (void)arg;
    if (nseen == 64)
        fail_msg("more than 64 callbacks: is a watcher called again and "
                 "again?");
    seen[nseen].fd = fd;
    seen[nseen++].events = events;
}

/* calls: how many times fd's watchers were called with events. */
static int
calls(int fd, unsigned events)
{
    int n = 0;

    for (int i = 0; i < nseen; i++)
        n += seen[i].fd == fd && seen[i].events == events;
    return n;
}

static void
start(void)
{
    lab_io_init(&io);
    nseen = 0;
}

static void
make_pipe(int fds[2])
{
    assert_int_equal(pipe(fds), 0);
}

static void
put(int fd)
{
    assert_int_equal(write(fd, "x", 1), 1);
}

/* phase: one I/O phase that must not wait (a callback is ready). */
static int
phase(void)
{
    io.nready = 1;
    if (lab_io_timeout(&io) != 0)
        fail_msg("with a callback ready, lab_io_timeout must be 0, not %d: "
                 "poll would wait while it could run", lab_io_timeout(&io));
    return lab_io_phase(&io);
}

/* ---- 1. Who waits on what ----------------------------------------------- */

static void
test_add_and_remove_count(void **state)
{
    (void)state;
    int p[2];
    make_pipe(p);
    start();
    /* act / assert: a reader and a writer, each counted once */
    assert_int_equal(lab_io_add(&io, p[0], LAB_READ, record, NULL), 0);
    assert_int_equal(lab_io_add(&io, p[1], LAB_WRITE | LAB_ONESHOT, record,
                                NULL), 0);
    assert_int_equal(io.watching, 2);
    /* one watcher per descriptor and way */
    errno = 0;
    assert_int_equal(lab_io_add(&io, p[0], LAB_READ, record, NULL), -1);
    assert_int_equal(errno, EEXIST);
    assert_int_equal(lab_io_add(&io, -1, LAB_READ, record, NULL), -1);
    assert_int_equal(errno, EBADF);
    assert_int_equal(lab_io_add(&io, p[0], LAB_ONESHOT, record, NULL), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(io.watching, 2);
    /* removing */
    assert_int_equal(lab_io_remove(&io, p[0], LAB_READ | LAB_WRITE), 0);
    assert_int_equal(io.watching, 1);
    assert_int_equal(lab_io_remove(&io, p[0], LAB_READ), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(lab_io_remove(&io, 1000, LAB_READ), -1);
    assert_int_equal(lab_io_remove(&io, p[1], LAB_WRITE), 0);
    assert_int_equal(io.watching, 0);
    lab_io_free(&io);
    close(p[0]);
    close(p[1]);
}

/* ---- 2. poll's array ------------------------------------------------------ */

static void
test_build_one_entry_per_fd(void **state)
{
    (void)state;
    /* arrange: socket pairs, each end watched a drawn way (or both) */
    int s[MAX][2];
    short want[MAX][2] = {{0}};
    int k = (int)draw(2, MAX / 2), expect = 0;
    start();
    for (int i = 0; i < k; i++) {
        assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, s[i]), 0);
        for (int end = 0; end < 2; end++) {
            unsigned how = draw(0, 3); /* none, read, write, both */
            if (how & LAB_READ)
                lab_io_add(&io, s[i][end], LAB_READ, record, NULL);
            if (how & LAB_WRITE)
                lab_io_add(&io, s[i][end], LAB_WRITE, record, NULL);
            want[i][end] = (short)((how & LAB_READ ? POLLIN : 0) |
                                   (how & LAB_WRITE ? POLLOUT : 0));
            expect += how != 0;
        }
    }
    /* act */
    int n = lab_io_build(&io);
    /* assert: one entry per watched descriptor, in fd order */
    assert_int_equal(n, expect);
    assert_int_equal(io.np, expect);
    for (int j = 0; j < n; j++) {
        if (j > 0 && io.p[j].fd <= io.p[j - 1].fd)
            fail_msg("entry %d is fd %d, after fd %d: one entry per fd, in "
                     "fd order", j, io.p[j].fd, io.p[j - 1].fd);
        for (int i = 0; i < k; i++)
            for (int end = 0; end < 2; end++)
                if (s[i][end] == io.p[j].fd)
                    assert_int_equal(io.p[j].events, want[i][end]);
    }
    for (int i = 0; i < k; i++) {
        close(s[i][0]);
        close(s[i][1]);
    }
    lab_io_free(&io);
}

static void
test_build_forgets_removed(void **state)
{
    (void)state;
    int p[MAX][2];
    bool gone[MAX] = {false};
    int k = (int)draw(3, MAX), left = k;
    start();
    for (int i = 0; i < k; i++) {
        make_pipe(p[i]);
        lab_io_add(&io, p[i][0], LAB_READ, record, NULL);
    }
    lab_io_build(&io);
    /* act: drop a drawn few, build again */
    for (int i = 0; i < k; i++)
        if (draw(0, 1)) {
            assert_int_equal(lab_io_remove(&io, p[i][0], LAB_READ), 0);
            gone[i] = true;
            left--;
        }
    /* assert: the array has only those still watched */
    assert_int_equal(lab_io_build(&io), left);
    for (int j = 0; j < io.np; j++)
        for (int i = 0; i < k; i++)
            if (gone[i] && io.p[j].fd == p[i][0])
                fail_msg("fd %d is in poll's array after its watcher was "
                         "removed", p[i][0]);
    for (int i = 0; i < k; i++) {
        close(p[i][0]);
        close(p[i][1]);
    }
    lab_io_free(&io);
}

/* ---- 3. How long poll may wait ---------------------------------------------- */

static void
test_timeout_zero_when_ready(void **state)
{
    (void)state;
    start();
    io.now = draw(0, 1000);
    io.nready = (int)draw(1, 5);
    io.next_timer = io.now + draw(1, 100);
    assert_int_equal(lab_io_timeout(&io), 0);
    io.next_timer = LAB_NO_TIMER;
    assert_int_equal(lab_io_timeout(&io), 0);
}

static void
test_timeout_from_next_timer(void **state)
{
    (void)state;
    start();
    unsigned ms = draw(1, 5000);
    io.now = draw(0, 1000);
    /* half a millisecond past a whole one: poll's wait is rounded up, so
     * that it never returns before the deadline */
    io.next_timer = io.now + (ms + 0.5) / 1000;
    assert_int_equal(lab_io_timeout(&io), ms + 1);
    /* a deadline already passed: do not wait at all */
    io.next_timer = io.now - draw(1, 100) / 1000.0;
    assert_int_equal(lab_io_timeout(&io), 0);
}

static void
test_timeout_none_without_timer(void **state)
{
    (void)state;
    start();
    io.now = draw(0, 1000);
    assert_int_equal(lab_io_timeout(&io), -1);
    /* nothing to wait for, and no limit: the phase says so, never hangs */
    errno = 0;
    assert_int_equal(lab_io_phase(&io), -1);
    assert_int_equal(errno, EDEADLK);
}

/* ---- 4. Calling the watchers --------------------------------------------------- */

static void
test_dispatch_only_ready_fds(void **state)
{
    (void)state;
    int p[MAX][2];
    bool full[MAX] = {false};
    int k = (int)draw(2, MAX), nfull = 0;
    start();
    for (int i = 0; i < k; i++) {
        make_pipe(p[i]);
        lab_io_add(&io, p[i][0], LAB_READ, record, NULL);
        if (draw(0, 1)) {
            put(p[i][1]);
            full[i] = true;
            nfull++;
        }
    }
    /* act */
    assert_int_equal(phase(), nfull);
    /* assert: each readable pipe's reader once, no other */
    assert_int_equal(nseen, nfull);
    for (int i = 0; i < k; i++)
        assert_int_equal(calls(p[i][0], LAB_READ), full[i]);
    for (int i = 0; i < k; i++) {
        close(p[i][0]);
        close(p[i][1]);
    }
    lab_io_free(&io);
}

static void
test_writer_called_when_writable(void **state)
{
    (void)state;
    int s[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, s), 0);
    start();
    lab_io_add(&io, s[0], LAB_READ, record, NULL);
    lab_io_add(&io, s[0], LAB_WRITE, record, NULL);
    /* act: room to write, nothing to read */
    assert_int_equal(phase(), 1);
    /* assert */
    assert_int_equal(calls(s[0], LAB_WRITE), 1);
    assert_int_equal(calls(s[0], LAB_READ), 0);
    /* then something to read too: both */
    put(s[1]);
    assert_int_equal(phase(), 2);
    assert_int_equal(calls(s[0], LAB_READ), 1);
    assert_int_equal(calls(s[0], LAB_WRITE), 2);
    close(s[0]);
    close(s[1]);
    lab_io_free(&io);
}

static void
test_hangup_wakes_reader(void **state)
{
    (void)state;
    int p[2];
    char c;
    make_pipe(p);
    start();
    lab_io_add(&io, p[0], LAB_READ | LAB_ONESHOT, record, NULL);
    /* act: the writer goes, without writing (poll says POLLHUP only) */
    close(p[1]);
    assert_int_equal(phase(), 1);
    /* assert: the reader is told, and its read says end of file */
    assert_int_equal(calls(p[0], LAB_READ), 1);
    assert_int_equal(read(p[0], &c, 1), 0);
    close(p[0]);
    lab_io_free(&io);
}

static void
test_error_wakes_writer(void **state)
{
    (void)state;
    int p[2];
    static char block[4096];
    make_pipe(p);
    start();
    /* arrange: a full pipe, so that no POLLOUT comes with the error */
    fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
    while (write(p[1], block, sizeof block) > 0)
        continue;
    lab_io_add(&io, p[1], LAB_WRITE | LAB_ONESHOT, record, NULL);
    /* act: the reader goes (poll says POLLERR alone on the write end) */
    close(p[0]);
    assert_int_equal(phase(), 1);
    /* assert: the writer is told; its write would fail with EPIPE */
    assert_int_equal(calls(p[1], LAB_WRITE), 1);
    close(p[1]);
    lab_io_free(&io);
}

static void
test_oneshot_fires_once(void **state)
{
    (void)state;
    int once[2], always[2];
    int turns = (int)draw(2, 6);
    make_pipe(once);
    make_pipe(always);
    start();
    /* arrange: two pipes that stay readable (nobody reads them) */
    put(once[1]);
    put(always[1]);
    lab_io_add(&io, once[0], LAB_READ | LAB_ONESHOT, record, NULL);
    lab_io_add(&io, always[0], LAB_READ, record, NULL);
    /* act */
    for (int i = 0; i < turns; i++)
        phase();
    /* assert: the one-shot watcher once and gone; the other each turn */
    assert_int_equal(calls(once[0], LAB_READ), 1);
    assert_int_equal(calls(always[0], LAB_READ), turns);
    assert_int_equal(io.watching, 1);
    assert_int_equal(lab_io_remove(&io, once[0], LAB_READ), -1);
    close(once[0]);
    close(once[1]);
    close(always[0]);
    close(always[1]);
    lab_io_free(&io);
}

/* A one-shot callback that waits again, as a task whose read found only
 * part of a line does. */
static int rearms, rearm_failed;

static void
again(int fd, unsigned events, void *arg)
{
    record(fd, events, arg);
    if (++rearms < 3 &&
        lab_io_add(&io, fd, LAB_READ | LAB_ONESHOT, again, arg) < 0)
        rearm_failed++;
}

static void
test_oneshot_can_rearm_itself(void **state)
{
    (void)state;
    int p[2];
    make_pipe(p);
    start();
    rearms = rearm_failed = 0;
    put(p[1]);
    lab_io_add(&io, p[0], LAB_READ | LAB_ONESHOT, again, NULL);
    /* act: three turns; it adds itself again in the first two */
    for (int i = 0; i < 4; i++)
        phase();
    /* assert */
    if (rearm_failed)
        fail_msg("a one-shot callback could not add itself again: remove "
                 "the watcher before calling it");
    assert_int_equal(calls(p[0], LAB_READ), 3);
    assert_int_equal(io.watching, 0);
    close(p[0]);
    close(p[1]);
    lab_io_free(&io);
}

/* The first reader called removes every other reader, as a task that
 * closes the other connections does; none of them may run after. */
static int pipes[MAX][2], npipes;

static void
remove_others(int fd, unsigned events, void *arg)
{
    record(fd, events, arg);
    for (int i = 0; i < npipes; i++)
        if (pipes[i][0] != fd)
            lab_io_remove(&io, pipes[i][0], LAB_READ);
}

static void
test_remove_inside_callback(void **state)
{
    (void)state;
    npipes = (int)draw(2, MAX);
    start();
    for (int i = 0; i < npipes; i++) {
        make_pipe(pipes[i]);
        put(pipes[i][1]);
        lab_io_add(&io, pipes[i][0], LAB_READ, remove_others, NULL);
    }
    /* act: every pipe is readable, and the first callback removes the
     * others' watchers after poll has reported them ready */
    assert_int_equal(phase(), 1);
    /* assert */
    assert_int_equal(nseen, 1);
    assert_int_equal(io.watching, 1);
    assert_int_equal(phase(), 1); /* the one left, again */
    assert_int_equal(nseen, 2);
    assert_int_equal(seen[1].fd, seen[0].fd);
    for (int i = 0; i < npipes; i++) {
        close(pipes[i][0]);
        close(pipes[i][1]);
    }
    lab_io_free(&io);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_remove_count),
        cmocka_unit_test(test_build_one_entry_per_fd),
        cmocka_unit_test(test_build_forgets_removed),
        cmocka_unit_test(test_timeout_zero_when_ready),
        cmocka_unit_test(test_timeout_from_next_timer),
        cmocka_unit_test(test_timeout_none_without_timer),
        cmocka_unit_test(test_dispatch_only_ready_fds),
        cmocka_unit_test(test_writer_called_when_writable),
        cmocka_unit_test(test_hangup_wakes_reader),
        cmocka_unit_test(test_error_wakes_writer),
        cmocka_unit_test(test_oneshot_fires_once),
        cmocka_unit_test(test_oneshot_can_rearm_itself),
        cmocka_unit_test(test_remove_inside_callback),
    };
    unit_args(argc, argv);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
