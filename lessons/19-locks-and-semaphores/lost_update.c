// SPDX-License-Identifier: MIT
/*
 * lost_update.c: one thread, and still a race. A deposit reads the
 * balance, awaits the ledger, then writes what it read plus its amount;
 * the other deposits run during that await, and all but the last write are
 * lost. A lock held from the read to the write makes each deposit whole.
 * Lesson 19 (locks and semaphores).
 */
#include <stdio.h>

#include "async.h"

static long balance;     /* the account all deposits share */
static async_lock *lock; /* guards balance from read to write */

static async_value
deposit(void *arg)
{
    long amount = *(long *)arg;
    long seen = balance;

    async_sleep(0.1); /* the ledger's answer: every other task runs now */
    balance = seen + amount;
    printf("  deposit %ld: read %ld, wrote %ld\n", amount, seen, balance);
    return ASYNC_NONE;
}

/* The same deposit, with nobody else between its read and its write. */
static async_value
deposit_locked(void *arg)
{
    async_lock_acquire(lock);
    deposit(arg);
    async_lock_release(lock);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    long amounts[] = {10, 20, 30};
    void *args[] = {&amounts[0], &amounts[1], &amounts[2]};
    double start = async_time();

    puts("without a lock:");
    balance = 100;
    async_gather_fn(deposit, args, 3, NULL);
    printf("  balance %ld (expected 160) after %.2f s\n", balance,
           async_time() - start);

    puts("with a lock:");
    lock = async_lock_new();
    balance = 100;
    start = async_time();
    async_gather_fn(deposit_locked, args, 3, NULL);
    printf("  balance %ld (expected 160) after %.2f s\n", balance,
           async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
