/* SPDX-License-Identifier: MIT */
/*
 * test_barrier.c: asyncio.Barrier (3.11). The last arrival passes first,
 * then the others in the order they came; a party that comes back while
 * the round drains waits for the next; abort and reset break the round;
 * a cancelled party leaves the count as it found it. Each expected order
 * is what CPython 3.11 prints for the program quoted in the comments,
 * built on this helper:
 *
 *  async def party(b, name, delay, rounds=1):
 *      for r in range(rounds):
 *          await asyncio.sleep(delay)
 *          print(f"{name} arrives n_waiting={b.n_waiting}")
 *          try:
 *              i = await b.wait(); print(f"{name} passes index={i}")
 *          except asyncio.BrokenBarrierError: print(f"{name} broken")
 *          except asyncio.CancelledError: print(f"{name} cancelled"); raise
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "helpers.h"

static async_barrier *B;

struct party {
    const char *name;
    double delay;
    int rounds;
};

static void
cancelled_log(void *name)
{
    log_event("%s cancelled", (const char *)name);
}

static async_value
party(void *arg)
{
    struct party *p = arg;
    for (int r = 0; r < p->rounds; r++) {
        async_sleep(p->delay);
        log_event("%s arrives n_waiting=%ld", p->name,
                  async_barrier_n_waiting(B));
        async_cleanup_push(cancelled_log, (void *)p->name);
        long i = async_barrier_wait(B);
        async_cleanup_pop(false);
        if (i == ASYNC_BROKEN)
            log_event("%s broken", p->name);
        else
            log_event("%s passes index=%ld", p->name, i);
    }
    return ASYNC_NONE;
}

/* Starts the parties and gathers them. */
static void
gather_parties(struct party *p, size_t n)
{
    async_task *t[4];
    assert_true(n <= 4);
    for (size_t i = 0; i < n; i++)
        t[i] = async_create_task_named(party, &p[i], p[i].name);
    async_gather(t, n, NULL);
}

/*  b = Barrier(3)
 *  await gather(party(b, "a", 0.3, 2), party(b, "b", 0.1, 2),
 *               party(b, "c", 0.2, 2))
 *  print(f"parties={b.parties} n_waiting={b.n_waiting} "
 *        f"broken={int(b.broken)}")
 */
static async_value
main_order(void *arg)
{
    (void)arg;
    B = async_barrier_new(3);
    struct party p[] = {{"a", 0.3, 2}, {"b", 0.1, 2}, {"c", 0.2, 2}};
    gather_parties(p, 3);
    log_event("parties=%ld n_waiting=%ld broken=%d", async_barrier_parties(B),
              async_barrier_n_waiting(B), async_barrier_broken(B));
    return ASYNC_NONE;
}

static void
test_barrier_last_passes_first_then_arrival_order(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(main_order, NULL);
    /* assert */
    assert_log("b arrives n_waiting=0", "c arrives n_waiting=1",
               "a arrives n_waiting=2", "a passes index=2",
               "b passes index=0", "c passes index=1",
               "b arrives n_waiting=0", "c arrives n_waiting=1",
               "a arrives n_waiting=2", "a passes index=2",
               "b passes index=0", "c passes index=1",
               "parties=3 n_waiting=0 broken=0");
    assert_elapsed(async_time() - t0, 0.6);
}

/*  b = Barrier(3)
 *  await gather(party(b, "a", 0, 2), party(b, "b", 0, 2),
 *               party(b, "c", 0, 2))
 */
static async_value
main_drain(void *arg)
{
    (void)arg;
    B = async_barrier_new(3);
    struct party p[] = {{"a", 0, 2}, {"b", 0, 2}, {"c", 0, 2}};
    gather_parties(p, 3);
    return ASYNC_NONE;
}

static void
test_barrier_party_back_early_waits_for_drain(void **state)
{
    (void)state;
    /* act */
    async_run(main_drain, NULL);
    /* assert: c, back at once, blocks until a and b have left */
    assert_log("a arrives n_waiting=0", "b arrives n_waiting=1",
               "c arrives n_waiting=2", "c passes index=2",
               "a passes index=0", "b passes index=1",
               "c arrives n_waiting=0", "a arrives n_waiting=1",
               "b arrives n_waiting=2", "b passes index=2",
               "c passes index=0", "a passes index=1");
}

/*  b = Barrier(3)
 *  ts = [create_task(party(b, n, d)) for n, d in (("a", 0.1), ("b", 0.2))]
 *  await sleep(0.3); await b.abort()
 *  print(f"aborted broken={int(b.broken)}")
 *  await gather(*ts); await party(b, "late", 0)
 */
static async_value
main_abort(void *arg)
{
    (void)arg;
    B = async_barrier_new(3);
    static struct party p[] = {{"a", 0.1, 1}, {"b", 0.2, 1}, {"late", 0, 1}};
    async_task *t[2] = {async_create_task_named(party, &p[0], "a"),
                        async_create_task_named(party, &p[1], "b")};
    async_sleep(0.3);
    async_barrier_abort(B);
    log_event("aborted broken=%d", async_barrier_broken(B));
    async_gather(t, 2, NULL);
    party(&p[2]);
    return ASYNC_NONE;
}

static void
test_barrier_abort_breaks_waiters_and_later_parties(void **state)
{
    (void)state;
    /* act */
    async_run(main_abort, NULL);
    /* assert */
    assert_log("a arrives n_waiting=0", "b arrives n_waiting=1",
               "aborted broken=1", "a broken", "b broken",
               "late arrives n_waiting=0", "late broken");
}

/*  b = Barrier(2); a = create_task(party(b, "a", 0.1)); await sleep(0.2)
 *  await b.reset()
 *  print(f"reset broken={int(b.broken)} n_waiting={b.n_waiting}")
 *  await a; await gather(party(b, "x", 0.1), party(b, "y", 0.2))
 */
static async_value
main_reset(void *arg)
{
    (void)arg;
    B = async_barrier_new(2);
    struct party p[] = {{"a", 0.1, 1}, {"x", 0.1, 1}, {"y", 0.2, 1}};
    async_task *a = async_create_task_named(party, &p[0], "a");
    async_sleep(0.2);
    async_barrier_reset(B);
    log_event("reset broken=%d n_waiting=%ld", async_barrier_broken(B),
              async_barrier_n_waiting(B));
    async_await(a);
    gather_parties(p + 1, 2);
    return ASYNC_NONE;
}

static void
test_barrier_reset_breaks_waiters_then_fills_again(void **state)
{
    (void)state;
    /* act */
    async_run(main_reset, NULL);
    /* assert */
    assert_log("a arrives n_waiting=0", "reset broken=0 n_waiting=0",
               "a broken", "x arrives n_waiting=0", "y arrives n_waiting=1",
               "y passes index=1", "x passes index=0");
}

/*  b = Barrier(2); a = create_task(party(b, "a", 0.1)); await sleep(0.2)
 *  a.cancel(); await sleep(0)
 *  print(f"n_waiting={b.n_waiting} cancelled={int(a.cancelled())}")
 *  await sleep(0)
 *  print(f"n_waiting={b.n_waiting} cancelled={int(a.cancelled())}")
 *  await gather(party(b, "x", 0.1), party(b, "y", 0.2))
 */
static async_value
main_cancel(void *arg)
{
    (void)arg;
    B = async_barrier_new(2);
    struct party p[] = {{"a", 0.1, 1}, {"x", 0.1, 1}, {"y", 0.2, 1}};
    async_task *a = async_create_task_named(party, &p[0], "a");
    async_sleep(0.2);
    async_cancel(a);
    for (int i = 0; i < 2; i++) {
        async_sleep(0);
        log_event("n_waiting=%ld cancelled=%d", async_barrier_n_waiting(B),
                  async_task_cancelled(a));
    }
    gather_parties(p + 1, 2);
    return ASYNC_NONE;
}

static void
test_barrier_cancelled_party_leaves_count_as_found(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel, NULL);
    /* assert */
    assert_log("a arrives n_waiting=0", "a cancelled",
               "n_waiting=0 cancelled=1", "n_waiting=0 cancelled=1",
               "x arrives n_waiting=0", "y arrives n_waiting=1",
               "y passes index=1", "x passes index=0");
}

static async_value
main_one_party(void *arg)
{
    (void)arg;
    static struct party o = {"o", 0, 0}; /* it runs after main returns */
    B = async_barrier_new(1);
    async_create_task_named(party, &o, "o");
    log_event("index=%ld", async_barrier_wait(B)); /* the last: no wait */
    log_event("index=%ld", async_barrier_wait(B));
    return ASYNC_NONE;
}

static void
test_barrier_of_one_never_waits(void **state)
{
    (void)state;
    /* act */
    async_run(main_one_party, NULL);
    /* assert: the other task never got a turn before main ended */
    assert_log("index=0", "index=0");
}

static void
new_zero(void *arg)
{
    (void)arg;
    async_loop *loop = async_loop_new();
    async_barrier_new(0);
    async_loop_close(loop);
}

static void
test_barrier_new_zero_parties_stops_with_message(void **state)
{
    (void)state;
    struct child_result r;
    /* act */
    run_in_child(new_zero, NULL, &r);
    /* assert */
    assert_true(r.exited && r.status != 0);
    assert_contains(r.err, "async_barrier_new: parties is 0");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_barrier_last_passes_first_then_arrival_order),
        TEST(test_barrier_party_back_early_waits_for_drain),
        TEST(test_barrier_abort_breaks_waiters_and_later_parties),
        TEST(test_barrier_reset_breaks_waiters_then_fills_again),
        TEST(test_barrier_cancelled_party_leaves_count_as_found),
        TEST(test_barrier_of_one_never_waits),
        TEST(test_barrier_new_zero_parties_stops_with_message),
    };
    return cmocka_run_group_tests_name("test_barrier", tests, vclock_setup,
                                       vclock_teardown);
}
