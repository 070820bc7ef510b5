/* SPDX-License-Identifier: MIT */
/*
 * tests.c: the lab's tests, written as the runtime's own are
 * (runtime/tests/test_semaphore.c, test_queue.c): each runs a small
 * program under async_run and compares what its tasks logged. Each test
 * runs in a process of its own; `make run EX=42lab` runs them all, and
 * `make run EX=42lab ARGS="42 test_name"` one of them with seed 42.
 */
#include "unit.h"

#include "sync.h"

/* ---- What the tasks logged ------------------------------------------------ */

#define LOG_MAX 64
static char logged[LOG_MAX][48];
static size_t nlogged;

static __attribute__((format(printf, 1, 2))) void
log_event(const char *fmt, ...)
{
    va_list ap;

    assert_true(nlogged < LOG_MAX);
    va_start(ap, fmt);
    vsnprintf(logged[nlogged++], sizeof logged[0], fmt, ap);
    va_end(ap);
}

/* assert_log("a", "b"): the log is exactly these lines. */
#define assert_log(...) \
    check_log((const char *[]){__VA_ARGS__, NULL}, __FILE__, __LINE__)

static void
check_log(const char **want, const char *file, int line)
{
    size_t n = 0;

    for (; want[n] != NULL; n++) {
        if (n == nlogged)
            unit_fail(file, line, "the log has %zu line(s); expected line "
                      "%zu to be '%s'", nlogged, n + 1, want[n]);
        if (strcmp(logged[n], want[n]) != 0)
            unit_fail(file, line, "log line %zu is '%s', expected '%s'",
                      n + 1, logged[n], want[n]);
    }
    if (n != nlogged)
        unit_fail(file, line, "the log has %zu line(s), expected %zu; line "
                  "%zu is '%s'", nlogged, n, n + 1, logged[n]);
}

#define ARG(n) ((void *)(intptr_t)(n))
#define INT(p) ((long)(intptr_t)(p))
#define MAXT 12

static async_task *tasks[MAXT];

/* start: task i running fn(i), named "t<i>". */
static void
start(size_t i, async_fn *fn)
{
    static char names[MAXT][8];

    snprintf(names[i], sizeof names[i], "t%zu", i);
    tasks[i] = async_create_task_named(fn, ARG(i), names[i]);
}

/* await_all: awaits tasks 0 to n-1; a cancelled one is let go instead
 * (awaiting it would cancel the awaiting task too). */
static void
await_all(size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (async_task_done(tasks[i]) && async_task_cancelled(tasks[i]))
            async_task_detach(tasks[i]);
        else
            async_await(tasks[i]);
    }
}

/* ---- Part 1: a line of waiters ------------------------------------------ */

static struct lab_line line;
static size_t n_tasks;

static async_value
line_waiter(void *arg)
{
    lab_line_wait(&line);
    log_event("t%ld woke", INT(arg));
    return ASYNC_NONE;
}

static async_value
main_line_order(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < n_tasks; i++)
        start(i, line_waiter);
    async_sleep(0); /* each joins the line */
    assert_int_equal(line.count, n_tasks);
    for (size_t i = 0; i < n_tasks; i++) {
        assert_true(lab_line_wake_first(&line));
        assert_int_equal(nlogged, i); /* woken later, not now */
        async_sleep(0);
        assert_int_equal(nlogged, i + 1);
        char want[32];
        snprintf(want, sizeof want, "t%zu woke", i);
        assert_string_equal(logged[i], want);
    }
    assert_int_equal(line.count, 0);
    assert_false(lab_line_wake_first(&line)); /* nobody left */
    await_all(n_tasks);
    return ASYNC_NONE;
}

static void
test_line_wakes_in_the_order_of_waiting(void **state)
{
    (void)state;
    n_tasks = 2 + unit_rand_below(MAXT - 2);
    async_run(main_line_order, NULL);
}

static async_value
main_line_cancelled(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < 4; i++)
        start(i, line_waiter);
    async_sleep(0);
    async_cancel(tasks[0]);
    async_cancel(tasks[2]);
    async_sleep(0); /* they unwind, and stay in the line */
    assert_true(async_task_cancelled(tasks[0]));
    assert_int_equal(line.count, 4);
    assert_true(lab_line_wake_first(&line)); /* t1: t0 is passed over */
    assert_true(lab_line_wake_first(&line)); /* t3: t2 is passed over */
    assert_int_equal(line.count, 0);
    assert_null(line.first);
    await_all(4);
    assert_log("t1 woke", "t3 woke");
    return ASYNC_NONE;
}

static void
test_line_passes_over_cancelled_waiters(void **state)
{
    (void)state;
    async_run(main_line_cancelled, NULL);
}

/* ---- Part 2: a semaphore ------------------------------------------------ */

static lab_semaphore sem;
static long inside, most_inside;

/* Holds a place for a drawn number of turns. */
static async_value
worker(void *arg)
{
    long turns = 1 + (long)unit_rand_below(3);

    lab_semaphore_acquire(&sem);
    inside++;
    if (inside > most_inside)
        most_inside = inside;
    for (long k = 0; k < turns; k++)
        async_sleep(0);
    inside--;
    lab_semaphore_release(&sem);
    log_event("t%ld done", INT(arg));
    return ASYNC_NONE;
}

static async_value
main_workers(void *arg)
{
    for (size_t i = 0; i < n_tasks; i++)
        start(i, worker);
    await_all(n_tasks);
    assert_int_equal(most_inside, INT(arg));
    assert_int_equal(sem.value, INT(arg)); /* every place is free again */
    assert_int_equal(sem.line.count, 0);
    assert_int_equal(nlogged, n_tasks);
    return ASYNC_NONE;
}

static void
test_semaphore_lets_in_no_more_than_its_value(void **state)
{
    (void)state;
    long value = 1 + (long)unit_rand_below(4);
    n_tasks = (size_t)value + 2 + unit_rand_below(5);
    lab_semaphore_init(&sem, value);
    async_run(main_workers, ARG(value));
}

static async_value
logger(void *arg)
{
    log_event("t%ld ran", INT(arg));
    return ASYNC_NONE;
}

static async_value
main_free_places(void *arg)
{
    (void)arg;
    start(0, logger);
    lab_semaphore_acquire(&sem);
    lab_semaphore_acquire(&sem);
    log_event("main in twice"); /* without waiting: t0 has not run */
    assert_int_equal(sem.value, 0);
    assert_int_equal(sem.line.count, 0);
    await_all(1);
    assert_log("main in twice", "t0 ran");
    return ASYNC_NONE;
}

static void
test_semaphore_free_place_is_taken_at_once(void **state)
{
    (void)state;
    lab_semaphore_init(&sem, 2);
    async_run(main_free_places, NULL);
}

/* Takes a place and keeps it. */
static async_value
taker(void *arg)
{
    lab_semaphore_acquire(&sem);
    log_event("t%ld in", INT(arg));
    return ASYNC_NONE;
}

static async_value
main_in_order(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < n_tasks; i++)
        start(i, taker);
    async_sleep(0);
    assert_int_equal(sem.line.count, n_tasks);
    for (size_t i = 0; i < n_tasks; i++) {
        lab_semaphore_release(&sem);
        async_sleep(0);
        char want[32];
        snprintf(want, sizeof want, "t%zu in", i);
        assert_int_equal(nlogged, i + 1);
        assert_string_equal(logged[i], want);
    }
    assert_int_equal(sem.value, 0); /* each place was handed on */
    await_all(n_tasks);
    return ASYNC_NONE;
}

static void
test_semaphore_waiters_get_in_in_order(void **state)
{
    (void)state;
    n_tasks = 2 + unit_rand_below(MAXT - 2);
    lab_semaphore_init(&sem, 0);
    async_run(main_in_order, NULL);
}

static async_value
holder(void *arg)
{
    lab_semaphore_acquire(&sem);
    log_event("t%ld in", INT(arg));
    lab_semaphore_release(&sem);
    log_event("t%ld out", INT(arg));
    return ASYNC_NONE;
}

static async_value
main_newcomer(void *arg)
{
    (void)arg;
    lab_semaphore_acquire(&sem);
    start(0, holder);
    async_sleep(0); /* t0 waits */
    lab_semaphore_release(&sem); /* handed to t0, not freed */
    assert_int_equal(sem.value, 0);
    lab_semaphore_acquire(&sem); /* a newcomer: waits behind t0 */
    log_event("main in again");
    await_all(1);
    assert_log("t0 in", "t0 out", "main in again");
    return ASYNC_NONE;
}

static void
test_semaphore_newcomer_waits_behind_the_woken(void **state)
{
    (void)state;
    lab_semaphore_init(&sem, 1);
    async_run(main_newcomer, NULL);
}

static async_value
main_cancelled_waiter(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < 3; i++)
        start(i, taker);
    async_sleep(0);
    async_cancel(tasks[1]);
    async_sleep(0);
    lab_semaphore_release(&sem); /* t0 */
    lab_semaphore_release(&sem); /* t2: t1 was cancelled */
    await_all(3);
    assert_log("t0 in", "t2 in");
    assert_int_equal(sem.value, 0);
    assert_int_equal(sem.line.count, 0);
    lab_semaphore_release(&sem); /* nobody waits: the place is free */
    assert_int_equal(sem.value, 1);
    return ASYNC_NONE;
}

static void
test_semaphore_skips_a_cancelled_waiter(void **state)
{
    (void)state;
    lab_semaphore_init(&sem, 0);
    async_run(main_cancelled_waiter, NULL);
}

/* ---- Part 3: a bounded queue -------------------------------------------- */

static lab_queue queue;
static long sent[MAXT];

static async_value
producer(void *arg)
{
    for (size_t i = 0; i < n_tasks; i++) {
        lab_queue_put(&queue, sent[i]);
        log_event("put %ld", sent[i]);
    }
    (void)arg;
    return ASYNC_NONE;
}

static async_value
consumer(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < n_tasks; i++)
        assert_int_equal(lab_queue_get(&queue), sent[i]);
    return ASYNC_NONE;
}

static async_value
main_in_and_out(void *arg)
{
    (void)arg;
    start(0, consumer);
    start(1, producer);
    await_all(2);
    assert_int_equal(queue.count, 0);
    return ASYNC_NONE;
}

static void
test_queue_items_come_out_in_order(void **state)
{
    (void)state;
    n_tasks = 3 + unit_rand_below(MAXT - 3);
    for (size_t i = 0; i < n_tasks; i++)
        sent[i] = (long)unit_rand_below(100000);
    lab_queue_init(&queue, 1 + unit_rand_below(4));
    async_run(main_in_and_out, NULL);
    lab_queue_free(&queue);
}

static async_value
main_full(void *arg)
{
    (void)arg;
    start(0, producer); /* puts 1 to 5 */
    async_sleep(0);
    async_sleep(0);
    assert_log("put 1", "put 2");
    assert_int_equal(queue.count, 2);
    assert_int_equal(queue.putters.count, 1);
    assert_int_equal(lab_queue_get(&queue), 1);
    async_sleep(0);
    assert_log("put 1", "put 2", "put 3");
    assert_int_equal(queue.count, 2);
    async_cancel(tasks[0]);
    async_sleep(0);
    await_all(1);
    return ASYNC_NONE;
}

static void
test_queue_put_waits_while_full(void **state)
{
    (void)state;
    n_tasks = 5;
    for (size_t i = 0; i < n_tasks; i++)
        sent[i] = (long)i + 1;
    lab_queue_init(&queue, 2);
    async_run(main_full, NULL);
    lab_queue_free(&queue);
}

static async_value
getter(void *arg)
{
    long v = lab_queue_get(&queue);
    log_event("t%ld got %ld", INT(arg), v);
    return ASYNC_NONE;
}

static async_value
main_empty(void *arg)
{
    (void)arg;
    start(0, getter);
    async_sleep(0);
    assert_int_equal(nlogged, 0);
    assert_int_equal(queue.getters.count, 1);
    lab_queue_put(&queue, 7);
    assert_int_equal(nlogged, 0); /* woken, not run */
    await_all(1);
    assert_log("t0 got 7");
    return ASYNC_NONE;
}

static void
test_queue_get_waits_while_empty(void **state)
{
    (void)state;
    lab_queue_init(&queue, 3);
    async_run(main_empty, NULL);
    lab_queue_free(&queue);
}

static async_value
main_getters_in_order(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < 3; i++)
        start(i, getter);
    async_sleep(0);
    for (long v = 10; v < 13; v++) {
        lab_queue_put(&queue, v);
        async_sleep(0);
    }
    await_all(3);
    assert_log("t0 got 10", "t1 got 11", "t2 got 12");
    return ASYNC_NONE;
}

static void
test_queue_wakes_getters_in_order(void **state)
{
    (void)state;
    lab_queue_init(&queue, 3);
    async_run(main_getters_in_order, NULL);
    lab_queue_free(&queue);
}

static async_value
main_two_puts(void *arg)
{
    (void)arg;
    start(0, getter);
    start(1, getter);
    async_sleep(0);
    lab_queue_put(&queue, 1); /* two items before either getter runs: */
    lab_queue_put(&queue, 2); /* each put wakes one */
    await_all(2);
    assert_log("t0 got 1", "t1 got 2");
    return ASYNC_NONE;
}

static void
test_queue_each_put_wakes_a_getter(void **state)
{
    (void)state;
    lab_queue_init(&queue, 4);
    async_run(main_two_puts, NULL);
    lab_queue_free(&queue);
}

static async_value
main_overtaken(void *arg)
{
    (void)arg;
    start(0, getter);
    async_sleep(0);
    lab_queue_put(&queue, 5); /* wakes t0 */
    assert_int_equal(lab_queue_get(&queue), 5); /* main takes it first */
    async_sleep(0); /* t0 finds the queue empty: it waits again */
    assert_int_equal(nlogged, 0);
    assert_int_equal(queue.getters.count, 1);
    lab_queue_put(&queue, 6);
    await_all(1);
    assert_log("t0 got 6");
    return ASYNC_NONE;
}

static void
test_queue_woken_getter_looks_again(void **state)
{
    (void)state;
    lab_queue_init(&queue, 2);
    async_run(main_overtaken, NULL);
    lab_queue_free(&queue);
}

static async_value
putter(void *arg)
{
    lab_queue_put(&queue, INT(arg));
    return ASYNC_NONE;
}

static async_value
main_putters_in_order(void *arg)
{
    (void)arg;
    lab_queue_put(&queue, 0); /* full */
    for (size_t i = 1; i <= n_tasks; i++)
        start(i, putter);
    async_sleep(0);
    assert_int_equal(queue.putters.count, n_tasks);
    for (size_t i = 0; i <= n_tasks; i++) {
        assert_int_equal(lab_queue_get(&queue), i);
        async_sleep(0);
    }
    for (size_t i = 1; i <= n_tasks; i++)
        async_await(tasks[i]);
    return ASYNC_NONE;
}

static void
test_queue_wakes_putters_in_order(void **state)
{
    (void)state;
    n_tasks = 2 + unit_rand_below(MAXT - 3);
    lab_queue_init(&queue, 1);
    async_run(main_putters_in_order, NULL);
    lab_queue_free(&queue);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_wakes_in_the_order_of_waiting),
        cmocka_unit_test(test_line_passes_over_cancelled_waiters),
        cmocka_unit_test(test_semaphore_lets_in_no_more_than_its_value),
        cmocka_unit_test(test_semaphore_free_place_is_taken_at_once),
        cmocka_unit_test(test_semaphore_waiters_get_in_in_order),
        cmocka_unit_test(test_semaphore_newcomer_waits_behind_the_woken),
        cmocka_unit_test(test_semaphore_skips_a_cancelled_waiter),
        cmocka_unit_test(test_queue_items_come_out_in_order),
        cmocka_unit_test(test_queue_put_waits_while_full),
        cmocka_unit_test(test_queue_get_waits_while_empty),
        cmocka_unit_test(test_queue_wakes_getters_in_order),
        cmocka_unit_test(test_queue_each_put_wakes_a_getter),
        cmocka_unit_test(test_queue_woken_getter_looks_again),
        cmocka_unit_test(test_queue_wakes_putters_in_order),
    };
    unit_args(argc, argv);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
