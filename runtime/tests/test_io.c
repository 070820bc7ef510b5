/* SPDX-License-Identifier: MIT */
/*
 * test_io.c: waiting for descriptors. A reader on an empty pipe lets
 * others run and wakes when data comes; writes of any size arrive whole
 * and in order; end of file and signals are survived; one waiter per fd;
 * a cancelled waiter leaves no trace; the loop waits for descriptors
 * instead of reporting a deadlock, and the virtual clock does not jump
 * over a ready descriptor or a running thread.
 */
#define _DEFAULT_SOURCE /* SA_* flags */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "async.h"
#include "helpers.h"

static int fds[2][2]; /* two non-blocking pipes the tests share */

static void
make_pipes(void)
{
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pipe(fds[i]), 0);
        for (int j = 0; j < 2; j++)
            fcntl(fds[i][j], F_SETFL, O_NONBLOCK);
    }
}

static void
close_pipes(void)
{
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            if (fds[i][j] >= 0)
                close(fds[i][j]);
}

/* A real sleep that no wrapper sees (blocking.c wraps nanosleep). */
static void
real_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
}

/* put: a write the loop does not wait for (a pipe has room for it). */
static void
put(int fd, const char *s)
{
    if (write(fd, s, strlen(s)) != (ssize_t)strlen(s))
        log_event("write to fd %d failed", fd);
}

static async_value
reader(void *arg)
{
    char buf[32] = "";
    int fd = fds[INT(arg)][0];
    log_event("%s waits", async_task_name(async_current_task()));
    ssize_t n = async_read(fd, buf, sizeof buf - 1);
    log_event("%s read %zd '%s'", async_task_name(async_current_task()), n,
              buf);
    return ASYNC_INT(n);
}

static async_value
writer(void *arg)
{
    log_event("writer writes");
    async_write(fds[INT(arg)][1], "hello", 5);
    log_event("writer done");
    return ASYNC_NONE;
}

static async_value
main_read_write(void *arg)
{
    (void)arg;
    async_task *r = async_create_task_named(reader, ARG(0), "reader");
    async_sleep(0.5);
    async_await(async_create_task(writer, ARG(0)));
    return async_await(r);
}

static void
test_async_read_waits_while_others_run(void **state)
{
    (void)state;
    make_pipes();
    double t0 = async_time();
    async_value v = async_run(main_read_write, NULL);
    assert_int_equal(v.i, 5);
    assert_log("reader waits", "writer writes", "writer done",
               "reader read 5 'hello'");
    assert_elapsed(async_time() - t0, 0.5);
    close_pipes();
}

static async_value
main_two_fds(void *arg)
{
    (void)arg;
    async_task *a = async_create_task_named(reader, ARG(0), "A");
    async_task *b = async_create_task_named(reader, ARG(1), "B");
    async_sleep(0.1);
    put(fds[1][1], "b");
    async_sleep(0.1);
    put(fds[0][1], "a");
    async_await(a);
    async_await(b);
    return ASYNC_NONE;
}

static void
test_async_wait_readable_wakes_in_readiness_order(void **state)
{
    (void)state;
    make_pipes();
    async_run(main_two_fds, NULL);
    assert_log("A waits", "B waits", "B read 1 'b'", "A read 1 'a'");
    close_pipes();
}

#define BIG (1 << 20)

static async_value
big_writer(void *arg)
{
    unsigned char *data = arg;
    ssize_t n = async_write(fds[0][1], data, BIG);
    log_event("wrote %zd", n);
    close(fds[0][1]);
    fds[0][1] = -1;
    return ASYNC_NONE;
}

/* A slow reader: a small read, then a pause, until end of file. */
static async_value
slow_reader(void *arg)
{
    unsigned char *data = arg, buf[3000];
    size_t total = 0, wrong = 0;
    ssize_t n;
    while ((n = async_read(fds[0][0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            wrong += buf[i] != data[total + (size_t)i];
        total += (size_t)n;
        async_sleep(0.001);
    }
    log_event("read %zu, %zu wrong", total, wrong);
    return ASYNC_NONE;
}

static async_value
main_big_write(void *arg)
{
    async_task *t[2] = {async_create_task(big_writer, arg),
                        async_create_task(slow_reader, arg)};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

static void
test_async_write_all_bytes_through_a_full_pipe(void **state)
{
    (void)state;
    make_pipes();
    unsigned char *data = malloc(BIG);
    for (size_t i = 0; i < BIG; i++)
        data[i] = (unsigned char)(i * 7 + i / 251);
    async_run(main_big_write, data);
    assert_log("wrote 1048576", "read 1048576, 0 wrong");
    free(data);
    close_pipes();
}

static async_value
main_eof(void *arg)
{
    (void)arg;
    async_task *r = async_create_task_named(reader, ARG(0), "reader");
    async_sleep(0.1);
    close(fds[0][1]);
    fds[0][1] = -1;
    log_event("closed");
    return async_await(r);
}

static void
test_async_read_end_of_file_wakes_with_zero(void **state)
{
    (void)state;
    make_pipes();
    async_value v = async_run(main_eof, NULL);
    assert_int_equal(v.i, 0);
    assert_log("reader waits", "closed", "reader read 0 ''");
    close_pipes();
}

/* ---- A signal during the wait ---------------------------------------- */

static volatile sig_atomic_t signalled;

static void
on_signal(int sig)
{
    (void)sig;
    signalled = 1;
}

/* Interrupts the loop's wait, then writes what it waits for. */
static void *
interrupter(void *arg)
{
    pthread_t loop_thread = *(pthread_t *)arg;
    real_sleep_ms(30);
    pthread_kill(loop_thread, SIGUSR1);
    real_sleep_ms(30);
    ssize_t w = write(fds[0][1], "late", 4);
    (void)w;
    return NULL;
}

static void
test_async_read_survives_a_signal(void **state)
{
    (void)state;
    make_pipes();
    struct sigaction sa = {.sa_handler = on_signal}, old; /* no SA_RESTART */
    sigaction(SIGUSR1, &sa, &old);
    pthread_t self = pthread_self(), th;
    signalled = 0;
    pthread_create(&th, NULL, interrupter, &self);
    async_value v = async_run(reader, ARG(0));
    pthread_join(th, NULL);
    sigaction(SIGUSR1, &old, NULL);
    assert_true(signalled);
    assert_int_equal(v.i, 4);
    assert_log("main waits", "main read 4 'late'");
    close_pipes();
}

/* ---- One waiter per descriptor ---------------------------------------- */

static async_value
main_two_waiters(void *arg)
{
    (void)arg;
    async_create_task_named(reader, ARG(0), "first");
    async_create_task_named(reader, ARG(0), "second");
    async_sleep(1);
    return ASYNC_NONE;
}

static void
child_two_waiters(void *arg)
{
    (void)arg;
    make_pipes();
    async_run(main_two_waiters, NULL);
}

static void
test_async_wait_readable_second_waiter_is_fatal(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_two_waiters, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "task 'second' waits to read fd");
    assert_contains(r.err, "but task 'first' already does");
    child_result_free(&r);
}

/* ---- Cancelling a waiter ------------------------------------------------ */

static async_value
main_cancel_waiter(void *arg)
{
    (void)arg;
    async_task *r = async_create_task_named(reader, ARG(0), "gone");
    async_sleep(0.1);
    async_cancel(r);
    async_sleep(0.1);
    log_event("cancelled %d", async_task_cancelled(r));
    async_task *again = async_create_task_named(reader, ARG(0), "again");
    async_sleep(0.1); /* the fd is free for another waiter */
    put(fds[0][1], "x");
    return async_await(again);
}

static void
test_async_wait_readable_cancelled_waiter_leaves(void **state)
{
    (void)state;
    make_pipes();
    async_value v = async_run(main_cancel_waiter, NULL);
    assert_int_equal(v.i, 1);
    assert_log("gone waits", "cancelled 1", "again waits", "again read 1 'x'");
    close_pipes();
}

/* ---- Waiting with nothing but a descriptor ------------------------------ */

static void *
late_writer(void *arg)
{
    real_sleep_ms(INT(arg));
    ssize_t w = write(fds[0][1], "x", 1);
    (void)w;
    return NULL;
}

static void
test_loop_waits_for_a_descriptor_not_deadlock(void **state)
{
    (void)state;
    make_pipes();
    pthread_t th;
    pthread_create(&th, NULL, late_writer, ARG(50));
    async_value v = async_run(reader, ARG(0));
    pthread_join(th, NULL);
    assert_int_equal(v.i, 1);
    assert_log("main waits", "main read 1 'x'");
    close_pipes();
}

/* ---- The virtual clock -------------------------------------------------- */

static async_value
sleeper(void *arg)
{
    double t0 = async_time();
    async_sleep(5);
    log_event("slept %.2f", async_time() - t0);
    (void)arg;
    return ASYNC_NONE;
}

static async_value
timed_reader(void *arg)
{
    double t0 = async_time();
    async_wait_readable(fds[0][0]);
    log_event("readable after %.2f", async_time() - t0);
    (void)arg;
    return ASYNC_NONE;
}

/* A thread's job that takes real time and no virtual time. */
static async_value
fill_pipe_later(void *arg)
{
    (void)arg;
    real_sleep_ms(30);
    ssize_t w = write(fds[0][1], "x", 1);
    return ASYNC_INT(w);
}

static async_value
main_vclock(void *arg)
{
    async_task *t[2] = {async_create_task(sleeper, NULL),
                        async_create_task(timed_reader, NULL)};
    if (arg != NULL)
        async_to_thread(fill_pipe_later, NULL);
    else
        put(fds[0][1], "x");
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

static void
test_virtual_clock_does_not_jump_over_a_ready_descriptor(void **state)
{
    (void)state;
    make_pipes();
    async_run(main_vclock, NULL);
    assert_log("readable after 0.00", "slept 5.00");
    close_pipes();
}

static void
test_virtual_clock_does_not_jump_while_a_thread_runs(void **state)
{
    (void)state;
    make_pipes();
    async_run(main_vclock, ARG(1));
    assert_log("readable after 0.00", "slept 5.00");
    close_pipes();
}

/* ---- The one-shot registration --------------------------------------- */

static async_value
put_later(void *arg)
{
    async_sleep(0.1);
    put(INT(arg), "x");
    return ASYNC_NONE;
}

static async_value
main_reused_number(void *arg)
{
    (void)arg;
    int a[2], b[2];
    char c;
    assert_int_equal(pipe(a), 0);
    fcntl(a[0], F_SETFL, O_NONBLOCK);
    async_create_task(put_later, ARG(a[1]));
    assert_int_equal(async_read(a[0], &c, 1), 1); /* a[0] is known now */
    close(a[0]);
    close(a[1]);
    assert_int_equal(pipe(b), 0); /* the same numbers, another file */
    assert_int_equal(b[0], a[0]);
    fcntl(b[0], F_SETFL, O_NONBLOCK);
    async_create_task(put_later, ARG(b[1]));
    assert_int_equal(async_wait_readable(b[0]), 0);
    log_event("woken on the new pipe");
    close(b[0]);
    close(b[1]);
    return ASYNC_NONE;
}

/* A descriptor the kernel forgot (closed), whose number comes back as
 * another file, is registered again, not waited on forever. */
static void
test_async_wait_readable_fd_number_reused_after_close(void **state)
{
    (void)state;
    async_run(main_reused_number, NULL);
    assert_log("woken on the new pipe");
}

static int sp[2]; /* a socket pair whose sp[0] has a full send buffer */

static async_value
wait_read(void *arg)
{
    (void)arg;
    async_wait_readable(sp[0]);
    log_event("reader woken");
    return ASYNC_NONE;
}

static async_value
wait_write(void *arg)
{
    (void)arg;
    async_wait_writable(sp[0]);
    log_event("writer woken");
    return ASYNC_NONE;
}

static async_value
main_both_ways(void *arg)
{
    (void)arg;
    char buf[4096] = {0};
    int size = 4096;
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
    setsockopt(sp[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    fcntl(sp[0], F_SETFL, O_NONBLOCK);
    fcntl(sp[1], F_SETFL, O_NONBLOCK);
    while (write(sp[0], buf, sizeof buf) > 0) /* full: not writable */
        ;
    async_task *r = async_create_task(wait_read, NULL);
    async_task *w = async_create_task(wait_write, NULL);
    async_sleep(0.01);
    async_cancel(r);       /* its direction stays armed in the kernel */
    async_sleep(0.01);
    put(sp[1], "x");       /* fires for nobody: w must be armed again */
    async_sleep(0.01);
    while (read(sp[1], buf, sizeof buf) > 0) /* now sp[0] has room */
        ;
    assert_true(async_wait_for(w, 5.0, NULL));
    close(sp[0]);
    close(sp[1]);
    return ASYNC_NONE;
}

/* One fd, a reader and a writer: the reader is cancelled and its
 * direction turns ready anyway; the writer still wakes when it may. */
static void
test_async_wait_writable_rearmed_after_other_way_fires(void **state)
{
    (void)state;
    async_run(main_both_ways, NULL);
    assert_log("writer woken");
}

/* ---- A reader that has gone --------------------------------------------- */

static async_value
main_write_to_gone_reader(void *arg)
{
    (void)arg;
    int p[2];
    assert_int_equal(pipe(p), 0);
    close(p[0]);
    errno = 0;
    ssize_t n = async_write(p[1], "x", 1);
    log_event("write returned %zd, EPIPE %s", n, errno == EPIPE ? "yes" : "no");
    close(p[1]);
    return ASYNC_NONE;
}

static void
child_write_to_gone_reader(void *arg)
{
    (void)arg;
    async_run(main_write_to_gone_reader, NULL);
    printf("%s\n", log_get(0));
}

/* No SIGPIPE ends the program: the write says EPIPE (as in Python). */
static void
test_async_write_to_pipe_without_reader_is_epipe(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_write_to_gone_reader, NULL, &r);
    assert_false(r.signaled);
    assert_contains(r.out, "write returned -1, EPIPE yes");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_async_read_waits_while_others_run),
        TEST(test_async_wait_readable_wakes_in_readiness_order),
        TEST(test_async_write_all_bytes_through_a_full_pipe),
        TEST(test_async_read_end_of_file_wakes_with_zero),
        TEST(test_async_read_survives_a_signal),
        TEST(test_async_wait_readable_second_waiter_is_fatal),
        TEST(test_async_wait_readable_cancelled_waiter_leaves),
        TEST(test_loop_waits_for_a_descriptor_not_deadlock),
        TEST(test_virtual_clock_does_not_jump_over_a_ready_descriptor),
        TEST(test_virtual_clock_does_not_jump_while_a_thread_runs),
        TEST(test_async_wait_readable_fd_number_reused_after_close),
        TEST(test_async_wait_writable_rearmed_after_other_way_fires),
        TEST(test_async_write_to_pipe_without_reader_is_epipe),
    };
    return cmocka_run_group_tests_name("test_io", tests, vclock_setup,
                                       vclock_teardown);
}
