// SPDX-License-Identifier: MIT
/*
 * Exercise 38: lock the balance.
 *
 * The idea (lesson 19, locks and semaphores):
 *   1. A task runs alone only until its next await. During the await,
 *      every other ready task runs.
 *   2. A deposit reads the balance, awaits the ledger, then writes. Two
 *      deposits that both read before either writes lose one update.
 *   3. A lock makes read, await and write one piece:
 *          async_lock_acquire(l);  ...read, await, write...  async_lock_release(l);
 *      a second task that asks for a held lock waits in line.
 *   4. Each account needs its own lock: deposits to different accounts do
 *      not get in each other's way, and should not wait for each other.
 *
 * Your task: four deposits to alice's account run at once and three of
 * them are lost. Give each account a lock and hold it in deposit from the
 * read to the write, so that the ledger shows 100 + 10 = 110, then
 * 110 + 20 = 130, and so on, and the balance ends at 200.
 *
 * Check it: make grade EX=38    Stuck? python3 grader/grade.py --hint 38
 */
#include <stdio.h>

#include "async.h"

struct account {
    const char *owner; /* whose it is */
    long balance;      /* read and written by deposit */
    async_lock *lock;  /* held by the deposit under way */
};

/* account_open: fills in a new account. Call it from a task. */
void
account_open(struct account *a, const char *owner, long balance)
{
    a->owner = owner;
    a->balance = balance;
    /* TODO: give the account its own lock. */
    a->lock = NULL;
}

/* ledger_record: the bank's ledger records that `amount` goes onto a
 * balance that was `seen`, and returns the new balance. It takes 0.1 s:
 * the deposit's task is suspended meanwhile. */
long
ledger_record(struct account *a, long seen, long amount)
{
    async_sleep(0.1);
    printf("%s: %ld + %ld = %ld\n", a->owner, seen, amount, seen + amount);
    return seen + amount;
}

/* deposit: adds amount to a's balance. A coroutine function. */
void
deposit(struct account *a, long amount)
{
    /* TODO: nobody else may deposit to a from this read to the write
     * below. */
    long seen = a->balance;
    a->balance = ledger_record(a, seen, amount);
}

struct deposit_args {
    struct account *to; /* the account */
    long amount;        /* how much */
};

/* deposit_task: deposit() as a task, for async_gather. */
async_value
deposit_task(void *arg)
{
    struct deposit_args *d = arg;

    deposit(d->to, d->amount);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct account alice;
    struct deposit_args d[] = {{&alice, 10}, {&alice, 20}, {&alice, 30},
                               {&alice, 40}};
    void *args[] = {&d[0], &d[1], &d[2], &d[3]};

    account_open(&alice, "alice", 100);
    async_gather_fn(deposit_task, args, 4, NULL);
    printf("alice: balance %ld after %.2f s\n", alice.balance, async_time());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
