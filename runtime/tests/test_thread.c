/* SPDX-License-Identifier: MIT */
/*
 * test_thread.c: async_to_thread. fn's result comes back to the caller;
 * jobs run side by side; a libc sleep inside a job moves no virtual time
 * but delays the result by exactly that much, so a ticker on the loop
 * interleaves at exact times; a cancelled caller unwinds at once and its
 * job's result is dropped; closing the loop waits for running jobs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "async.h"
#include "helpers.h"

static async_value
twice(void *arg)
{
    return ASYNC_INT(2 * INT(arg));
}

static async_value
main_twice(void *arg)
{
    return async_to_thread(twice, arg);
}

static void
test_to_thread_returns_fn_result(void **state)
{
    (void)state;
    async_value v = async_run(main_twice, ARG(21));
    assert_int_equal(v.i, 42);
}

/* ---- Two jobs at once --------------------------------------------------- */

static sem_t sem[2];

/* Announces itself, then waits (at most 5 s) for the other job: only
 * jobs that run at the same time both see each other. */
static async_value
meet(void *arg)
{
    long me = INT(arg);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    sem_post(&sem[me]);
    return ASYNC_INT(sem_timedwait(&sem[1 - me], &until) == 0);
}

static async_value
meeter(void *arg)
{
    async_value v = async_to_thread(meet, arg);
    log_event("job %ld met the other: %ld", INT(arg), v.i);
    return ASYNC_NONE;
}

static async_value
main_two_jobs(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(meeter, ARG(0)),
                        async_create_task(meeter, ARG(1))};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

static void
test_to_thread_two_jobs_overlap(void **state)
{
    (void)state;
    sem_init(&sem[0], 0, 0);
    sem_init(&sem[1], 0, 0);
    async_run(main_two_jobs, NULL);
    assert_int_equal(log_count(), 2);
    assert_contains(log_get(0), "met the other: 1");
    assert_contains(log_get(1), "met the other: 1");
    sem_destroy(&sem[0]);
    sem_destroy(&sem[1]);
}

/* ---- The virtual clock -------------------------------------------------- */

static double t0;

static async_value
ticker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        async_sleep(0.1);
        log_event("tick %.2f", async_time() - t0);
    }
    return ASYNC_NONE;
}

static async_value
sleepy(void *arg)
{
    (void)arg;
    sleep(1); /* libc's, wrapped: a job may block */
    return ASYNC_INT(7);
}

static async_value
main_ticker(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(ticker, NULL);
    async_value v = async_to_thread(sleepy, NULL);
    log_event("job %ld at %.2f", v.i, async_time() - t0);
    async_await(t);
    return ASYNC_NONE;
}

static void
test_to_thread_sleep_interleaves_with_ticker_at_exact_times(void **state)
{
    (void)state;
    t0 = async_time();
    async_run(main_ticker, NULL);
    assert_log("tick 0.10", "tick 0.20", "tick 0.30", "tick 0.40",
               "tick 0.50", "tick 0.60", "tick 0.70", "tick 0.80",
               "tick 0.90", "job 7 at 1.00", "tick 1.00");
    assert_elapsed(async_time() - t0, 1.0);
}

/* ---- Jobs that finish while the loop is busy ------------------------------
 * Job i finishes i-th: it waits for job i-1 to finish, then 30 ms more
 * (real time, so that job i-1's worker has handed it back). They are
 * submitted in another order (2, 0, 1) while main holds the loop until
 * all three are done. asyncio hands them back in the order they finished
 * (the twin: time.sleep in the jobs and in main); they came newest first.
 */
static sem_t finished[3];

static void
pause_real(double seconds)
{
    struct timespec ts = {0, (long)(seconds * 1e9)};
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL); /* not wrapped */
}

static async_value
chained_job(void *arg)
{
    long i = INT(arg);

    if (i > 0) {
        sem_wait(&finished[i - 1]);
        pause_real(0.03);
    }
    sem_post(&finished[i]);
    return ASYNC_INT(i);
}

static async_value
chained_waiter(void *arg)
{
    log_event("job %ld back", async_to_thread(chained_job, arg).i);
    return ASYNC_NONE;
}

static async_value
main_busy_loop(void *arg)
{
    (void)arg;
    async_task *t[3];
    for (int k = 0; k < 3; k++)
        t[k] = async_create_task(chained_waiter, ARG((k + 2) % 3));
    async_sleep(0); /* the three jobs are submitted */
    sem_wait(&finished[2]); /* hold the loop: no collecting meanwhile */
    pause_real(0.1);
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

static void
test_to_thread_jobs_come_back_in_the_order_they_finished(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++)
        sem_init(&finished[i], 0, 0);
    async_run(main_busy_loop, NULL);
    assert_log("job 0 back", "job 1 back", "job 2 back");
    for (int i = 0; i < 3; i++)
        sem_destroy(&finished[i]);
}

/* ---- Cancelling the caller ---------------------------------------------- */

static volatile int job_finished;

/* Runs until the test lets it go. */
static async_value
held(void *arg)
{
    (void)arg;
    sem_wait(&sem[0]);
    job_finished = 1;
    return ASYNC_INT(99);
}

static void
cleanup_log(void *arg)
{
    log_event("%s", (const char *)arg);
}

static async_value
caller(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "caller unwinds");
    async_value v = async_to_thread(held, NULL);
    log_event("caller got %ld", v.i);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_cancel(void *arg)
{
    (void)arg;
    async_task *c = async_create_task(caller, NULL);
    async_sleep(0); /* c submits its job */
    async_cancel(c);
    async_sleep(0); /* c unwinds, its job still held */
    log_event("caller cancelled %d, job finished %d", async_task_cancelled(c),
              job_finished);
    sem_post(&sem[0]);
    async_sleep(0.1); /* the job ends meanwhile: its result is dropped */
    log_event("job finished %d", job_finished);
    return ASYNC_NONE;
}

static void
test_to_thread_cancelled_caller_unwinds_and_result_dropped(void **state)
{
    (void)state;
    sem_init(&sem[0], 0, 0);
    job_finished = 0;
    async_run(main_cancel, NULL);
    assert_log("caller unwinds", "caller cancelled 1, job finished 0",
               "job finished 1");
    sem_destroy(&sem[0]);
}

/* ---- Many jobs ---------------------------------------------------------- */

static async_value
square_caller(void *arg)
{
    return async_to_thread(twice, arg);
}

static async_value
main_many(void *arg)
{
    (void)arg;
    async_task *t[100];
    async_value v[100];
    long sum = 0;
    for (long i = 0; i < 100; i++)
        t[i] = async_create_task(square_caller, ARG(i));
    async_gather(t, 100, v);
    for (int i = 0; i < 100; i++)
        sum += v[i].i;
    return ASYNC_INT(sum);
}

static void
test_to_thread_hundred_jobs(void **state)
{
    (void)state;
    async_value v = async_run(main_many, NULL);
    assert_int_equal(v.i, 2 * 99 * 100 / 2);
}

/* ---- Closing the loop --------------------------------------------------- */

/* Takes real time (an unwrapped sleep), then says it finished. */
static async_value
slow_job(void *arg)
{
    (void)arg;
    struct timespec ts = {0, 50 * 1000000L};
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
    job_finished = 1;
    return ASYNC_NONE;
}

static async_value
slow_caller(void *arg)
{
    return async_to_thread(slow_job, arg);
}

static async_value
main_leaves(void *arg)
{
    (void)arg;
    async_create_task(slow_caller, NULL);
    async_sleep(0); /* the job starts; main returns without awaiting */
    return ASYNC_NONE;
}

static void
test_loop_close_waits_for_running_job(void **state)
{
    (void)state;
    job_finished = 0;
    async_run(main_leaves, NULL);
    assert_int_equal(job_finished, 1);
}

/* ---- Misuse: fn calls the runtime ------------------------------------- */

static async_value
job_sleeps(void *arg)
{
    (void)arg;
    async_sleep(0.1); /* wrong: fn runs on a worker, not in a task */
    return ASYNC_NONE;
}

static async_value
main_job_sleeps(void *arg)
{
    (void)arg;
    return async_to_thread(job_sleeps, NULL);
}

static void
child_job_sleeps(void *arg)
{
    (void)arg;
    async_run(main_job_sleeps, NULL);
}

static async_value
job_sets_event(void *e)
{
    async_event_set(e); /* wrong too: the event belongs to the loop */
    return ASYNC_NONE;
}

static async_value
main_job_sets_event(void *arg)
{
    (void)arg;
    return async_to_thread(job_sets_event, async_event_new());
}

static void
child_job_sets_event(void *arg)
{
    (void)arg;
    async_run(main_job_sets_event, NULL);
}

static void
test_to_thread_fn_setting_event_is_fatal(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_job_sets_event, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_event_set: called from a function running "
                           "in async_to_thread");
    child_result_free(&r);
}

static void
test_to_thread_fn_calling_runtime_is_fatal(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_job_sleeps, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_sleep: called from a function running in "
                           "async_to_thread");
    child_result_free(&r);
}

/* ---- async_run inside a job ----------------------------------------------- */

static async_value
nested_main(void *arg)
{
    (void)arg;
    return ASYNC_INT(1);
}

static async_value
job_runs_a_loop(void *arg)
{
    (void)arg;
    return async_run(nested_main, NULL); /* a second loop, on a worker */
}

static async_value
main_job_runs_a_loop(void *arg)
{
    (void)arg;
    return async_to_thread(job_runs_a_loop, NULL);
}

static void
child_job_runs_a_loop(void *arg)
{
    (void)arg;
    printf("ran: %ld\n", async_run(main_job_runs_a_loop, NULL).i);
}

static void
test_to_thread_fn_calling_async_run_is_refused(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_job_runs_a_loop, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "async_run: called from a function running in "
                           "async_to_thread");
    child_result_free(&r);
}

/* ---- A thread of the program's own ----------------------------------------
 * The loop's tasks, its clock and its settings belong to its thread: a
 * pthread that calls into the runtime is stopped with one line naming
 * the call (it was told it was "outside a task", or not stopped at all).
 */
static async_value
idle(void *arg)
{
    (void)arg;
    return ASYNC_NONE;
}

static void *
pthread_calls(void *arg)
{
    const char *call = arg;

    if (strcmp(call, "async_sleep") == 0)
        async_sleep(0.1);
    else if (strcmp(call, "async_create_task") == 0)
        async_create_task(idle, NULL);
    else if (strcmp(call, "async_time") == 0)
        printf("time %f\n", async_time());
    else if (strcmp(call, "async_set_debug") == 0)
        async_set_debug(true);
    else if (strcmp(call, "async_set_stack_size") == 0)
        async_set_stack_size(1 << 20);
    printf("%s returned\n", call);
    return NULL;
}

static async_value
main_starts_pthread(void *call)
{
    pthread_t th;
    pthread_create(&th, NULL, pthread_calls, call);
    pthread_join(th, NULL);
    return ASYNC_NONE;
}

static void
child_pthread_calls(void *call)
{
    async_run(main_starts_pthread, call);
}

static void
assert_stopped_on_other_thread(const char *call)
{
    struct child_result r;
    char want[128];

    run_in_child(child_pthread_calls, (void *)call, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    snprintf(want, sizeof want, "asyncbook: %s: called from another thread "
             "than the loop's;", call);
    /* one line, the first (a sanitizer may report leaks after it: the
     * program ended on another thread than its main one) */
    assert_int_equal(strncmp(r.err, want, strlen(want)), 0);
    const char *end = "async_to_thread)\n";
    assert_int_equal(strncmp(strchr(r.err, '\n') + 1 - strlen(end), end,
                             strlen(end)), 0);
    child_result_free(&r);
}

static void
test_pthread_calling_async_sleep_is_stopped(void **state)
{
    (void)state;
    assert_stopped_on_other_thread("async_sleep");
}

static void
test_pthread_calling_async_create_task_is_stopped(void **state)
{
    (void)state;
    assert_stopped_on_other_thread("async_create_task");
}

static void
test_pthread_calling_async_time_is_stopped(void **state)
{
    (void)state;
    assert_stopped_on_other_thread("async_time");
}

static void
test_pthread_changing_settings_is_stopped(void **state)
{
    (void)state;
    assert_stopped_on_other_thread("async_set_debug");
    assert_stopped_on_other_thread("async_set_stack_size");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_to_thread_returns_fn_result),
        TEST(test_to_thread_two_jobs_overlap),
        TEST(test_to_thread_sleep_interleaves_with_ticker_at_exact_times),
        TEST(test_to_thread_jobs_come_back_in_the_order_they_finished),
        TEST(test_to_thread_cancelled_caller_unwinds_and_result_dropped),
        TEST(test_to_thread_hundred_jobs),
        TEST(test_loop_close_waits_for_running_job),
        TEST(test_to_thread_fn_calling_runtime_is_fatal),
        TEST(test_to_thread_fn_setting_event_is_fatal),
        TEST(test_to_thread_fn_calling_async_run_is_refused),
        TEST(test_pthread_calling_async_sleep_is_stopped),
        TEST(test_pthread_calling_async_create_task_is_stopped),
        TEST(test_pthread_calling_async_time_is_stopped),
        TEST(test_pthread_changing_settings_is_stopped),
    };
    return cmocka_run_group_tests_name("test_thread", tests, vclock_setup,
                                       vclock_teardown);
}
