/* SPDX-License-Identifier: MIT */
/*
 * test_clock.c: delays that are not ordinary numbers. INFINITY is a
 * deadline that never comes: a task sleeps until it is cancelled, a
 * timeout never expires, and a program with nothing else to wait for is
 * a deadlock, reported at once on either clock instead of spinning. A
 * delay too big for a time_t is waited for idly. NaN is refused with a
 * message naming the call, and a libc nanosleep that libc refuses moves
 * no clock. CPU use is measured with getrusage, never the
 * wall clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

#include "async.h"
#include "helpers.h"

/* The children below are killed by SIGALRM after a limit in real
 * seconds, or by SIGPROF once they have used CPU_BUDGET seconds of
 * CPU from their first sleep on: a wait that spins dies of SIGPROF, on a
 * loaded machine as on an idle one, and an idle one of SIGALRM. */
#define CPU_BUDGET 0.1

/* Seconds of CPU the children ended since the last call (getrusage). */
static double
children_cpu(void)
{
    static double last;
    struct rusage ru;

    getrusage(RUSAGE_CHILDREN, &ru);
    double now = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                 ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
    double used = now - last;
    last = now;
    return used;
}

static void
arm(int which, double seconds)
{
    struct itimerval it = {
        .it_value = {.tv_sec = (time_t)seconds,
                     .tv_usec = (suseconds_t)(fmod(seconds, 1) * 1e6)}};
    setitimer(which, &it, NULL);
}

/* ---- Sleeping forever --------------------------------------------------- */

static void
woken(void *arg)
{
    (void)arg;
    log_event("sleeper cancelled after %.2f s", async_time() - *(double *)arg);
}

static async_value
sleep_forever(void *arg)
{
    async_cleanup_push(woken, arg);
    async_sleep(INFINITY);
    log_event("sleeper woke up"); /* never: only a cancel ends it */
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
cancel_after_one_second(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_task *t = async_create_task(sleep_forever, &t0);
    async_sleep(1);
    async_cancel(t);
    async_sleep(0);
    log_event("cancelled: %d", async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_sleep_forever_until_cancelled(void **state)
{
    (void)state;
    /* act */
    async_run(cancel_after_one_second, NULL);
    /* assert: it slept until the cancel, and not a moment longer */
    assert_log("sleeper cancelled after 1.00 s", "cancelled: 1");
}

static async_value
main_sleeps(void *arg)
{
    arm(ITIMER_PROF, CPU_BUDGET);
    async_sleep(*(double *)arg);
    puts("main woke up");
    return ASYNC_NONE;
}

/* The child: main sleeps seconds with nothing else to do, on the real
 * clock or the virtual one, for at most limit real seconds. */
struct alone {
    double seconds;
    int real;
    double limit;
};

static void
child_alone(void *arg)
{
    struct alone *a = arg;

    signal(SIGALRM, SIG_DFL);
    signal(SIGPROF, SIG_DFL);
    arm(ITIMER_REAL, a->limit);
    if (a->real)
        async_use_virtual_clock(false);
    async_run(main_sleeps, &a->seconds);
}

static void
check_deadlock(struct alone *a)
{
    /* act */
    children_cpu();
    struct child_result r;
    run_in_child(child_alone, a, &r);
    double cpu = children_cpu();
    /* assert: the deadlock is reported, not waited out (or spun on) */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "deadlock");
    assert_contains(r.err, "'main' (task 1) sleeps forever");
    assert_string_equal(r.out, "");
    assert_true(cpu < 1.0); /* generous: valgrind's start-up counts */
    child_result_free(&r);
}

static void
test_sleep_forever_alone_is_a_deadlock(void **state)
{
    (void)state;
    struct alone a = {INFINITY, 0, 2.0};
    check_deadlock(&a);
}

static void
test_sleep_forever_alone_is_a_deadlock_real_clock(void **state)
{
    (void)state;
    struct alone a = {INFINITY, 1, 2.0};
    check_deadlock(&a);
}

static void
test_sleep_beyond_time_t_waits_idle_real_clock(void **state)
{
    (void)state;
    /* arrange: 1e19 s is more than a time_t holds; a real wait then
     * goes on until the child is killed, a second later */
    struct alone a = {1e19, 1, 1.0};
    /* act */
    struct child_result r;
    run_in_child(child_alone, &a, &r);
    /* assert: killed while still waiting, and waiting idly: a wait that
     * spins uses up its CPU budget first (SIGPROF) */
    assert_true(r.signaled);
    assert_int_equal(r.sig, SIGALRM);
    assert_string_equal(r.err, "");
    child_result_free(&r);
}

static async_value
huge_sleep(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_sleep(1e19);
    printf("slept %.3g s\n", async_time() - t0);
    return ASYNC_NONE;
}

static void
child_huge_sleep(void *arg)
{
    (void)arg;
    async_run(huge_sleep, NULL);
}

static void
test_sleep_beyond_time_t_virtual_jumps_there(void **state)
{
    (void)state;
    /* act: in a child, whose clock may stay at 1e19 when it ends */
    struct child_result r;
    run_in_child(child_huge_sleep, NULL, &r);
    /* assert: one jump, to a time a double can say */
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "slept 1e+19 s\n");
    child_result_free(&r);
}

/* ---- Timeouts and callbacks that never expire --------------------------- */

static async_value
sleep_one(void *arg)
{
    (void)arg;
    async_sleep(1);
    return ASYNC_INT(7);
}

static async_value
endless_timeouts(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_value v = ASYNC_NONE;
    log_event("timeout: %d", async_timeout(INFINITY, sleep_one, NULL, &v));
    log_event("wait_for: %d", async_wait_for(async_create_task(sleep_one,
                                                                NULL),
                                             INFINITY, &v));
    log_event("result %ld after %.2f s", (long)v.i, async_time() - t0);
    return ASYNC_NONE;
}

static void
test_infinite_timeouts_never_expire(void **state)
{
    (void)state;
    /* act */
    async_run(endless_timeouts, NULL);
    /* assert */
    assert_log("timeout: 1", "wait_for: 1", "result 7 after 2.00 s");
}

static void
never(void *arg)
{
    (void)arg;
    log_event("the endless callback ran");
}

static void
test_call_later_infinity_never_runs(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_call_later(INFINITY, never, NULL);
    async_call_later(1, stop_cb, loop);
    /* act */
    double t0 = async_time();
    async_loop_run_forever(loop);
    /* assert */
    assert_elapsed(async_time() - t0, 1.0);
    async_loop_close(loop);
    assert_int_equal(log_count(), 0);
}

/* ---- NaN ---------------------------------------------------------------- */

static async_value
body(void *arg)
{
    (void)arg;
    return ASYNC_NONE;
}

static async_value
nan_in(void *arg)
{
    const char *call = arg;
    if (strcmp(call, "async_sleep") == 0)
        async_sleep(NAN);
    else if (strcmp(call, "async_call_later") == 0)
        async_call_later(NAN, never, NULL);
    else if (strcmp(call, "async_timeout") == 0)
        async_timeout(NAN, body, NULL, NULL);
    else
        async_wait_for(async_create_task(body, NULL), NAN, NULL);
    async_sleep(0);
    puts("went on");
    return ASYNC_NONE;
}

static void
child_nan(void *arg)
{
    async_run(nan_in, arg);
}

static void
test_nan_delays_are_refused(void **state)
{
    (void)state;
    static const char *const calls[] = {"async_sleep", "async_call_later",
                                        "async_timeout", "async_wait_for"};
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        /* act */
        struct child_result r;
        run_in_child(child_nan, (void *)calls[i], &r);
        /* assert: one line, naming the call and the task */
        char want[80];
        snprintf(want, sizeof want, "%s: task 'main' gave NaN seconds",
                 calls[i]);
        assert_true(r.exited);
        assert_int_equal(r.status, 1);
        assert_contains(r.err, want);
        assert_contains(r.err, "INFINITY for no end");
        assert_string_equal(r.out, "");
        child_result_free(&r);
    }
}

/* ---- A libc sleep that is no sleep -------------------------------------- */

static async_value
bad_nanosleep(void *arg)
{
    (void)arg;
    struct timespec ts = {.tv_sec = 0, .tv_nsec = 2000000000L};
    double t0 = async_time();
    errno = 0;
    int rc = nanosleep(&ts, NULL);
    log_event("nanosleep: %d, %s", rc, errno == EINVAL ? "EINVAL" : "-");
    log_event("clock moved: %d", async_time() - t0 > 1);
    return ASYNC_NONE;
}

static void
test_invalid_nanosleep_fails_as_libc_does(void **state)
{
    (void)state;
    /* act: the wrapper must not take two seconds out of a bad tv_nsec */
    async_run(bad_nanosleep, NULL);
    /* assert */
    assert_log("nanosleep: -1, EINVAL", "clock moved: 0");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_sleep_forever_until_cancelled),
        TEST(test_sleep_forever_alone_is_a_deadlock),
        TEST(test_sleep_forever_alone_is_a_deadlock_real_clock),
        TEST(test_sleep_beyond_time_t_waits_idle_real_clock),
        TEST(test_sleep_beyond_time_t_virtual_jumps_there),
        TEST(test_infinite_timeouts_never_expire),
        TEST(test_call_later_infinity_never_runs),
        TEST(test_nan_delays_are_refused),
        TEST(test_invalid_nanosleep_fails_as_libc_does),
    };
    return cmocka_run_group_tests_name("test_clock", tests, vclock_setup,
                                       vclock_teardown);
}
