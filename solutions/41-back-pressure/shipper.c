// SPDX-License-Identifier: MIT
/*
 * Exercise 41: back-pressure.
 *
 * The idea (lesson 20, queues):
 *   1. A queue joins a producer task to a consumer task:
 *      async_queue_put(q, v) adds v at the back, async_queue_get(q)
 *      takes the oldest item, waiting while the queue is empty.
 *   2. async_queue_new(maxsize) with maxsize > 0 holds at most maxsize
 *      items, and async_queue_put waits while it is full (maxsize 0: no
 *      limit, put never waits).
 *   3. So a fast producer cannot get more than maxsize items ahead of a
 *      slow consumer: it goes at the consumer's pace. That is
 *      back-pressure, and it keeps memory bounded.
 *   4. async_queue_put_nowait never waits: on a full queue it returns
 *      false, and the item is not in the queue.
 *
 * Your task: a log shipper. The reader reads a file's lines at once; the
 * sender needs send_time seconds to send each over a slow link. Pass the
 * lines from reader to sender through a queue that holds at most
 * `buffer` lines, so the reader waits for room instead of reading the
 * whole file into memory; then a 0 tells the sender the file is done.
 *
 * Check it: make grade EX=41    Stuck? python3 grader/grade.py --hint 41
 */
#include <stdio.h>

#include "async.h"

struct shipper {
    async_queue *q;   /* lines read and not yet sent; 0 is the end */
    long lines;       /* the file's lines are 1..lines */
    double send_time; /* seconds to send one line */
    double start;     /* when the shipping began */
    size_t most;      /* the most lines ever waiting in q */
};

/* reader: reads lines 1..lines (reading takes no time), passing each to
 * the sender through sh->q. A task; arg is the struct shipper. */
async_value
reader(void *arg)
{
    struct shipper *sh = arg;

    for (long i = 1; i <= sh->lines; i++) {
        /* Why: put, not put_nowait: on a full queue it waits, and no
         * line is dropped. */
        async_queue_put(sh->q, ASYNC_INT(i));
        if (async_queue_size(sh->q) > sh->most)
            sh->most = async_queue_size(sh->q);
        printf("%.2f s  read line %ld\n", async_time() - sh->start, i);
    }
    async_queue_put(sh->q, ASYNC_INT(0)); /* Why: the sender stops at 0 */
    return ASYNC_NONE;
}

/* sender: sends each line it gets from sh->q, until the 0. A task. */
async_value
sender(void *arg)
{
    struct shipper *sh = arg;

    for (;;) {
        long line = 0;
        /* Why: get waits while the reader has nothing queued. */
        line = async_queue_get(sh->q).i;
        if (line == 0)
            break;
        async_sleep(sh->send_time); /* the slow link */
        printf("%.2f s  sent line %ld\n", async_time() - sh->start, line);
    }
    return ASYNC_NONE;
}

/* ship: ships a file of `lines` lines, at most `buffer` of them read and
 * not yet sent. A coroutine function. */
void
ship(long lines, size_t buffer, double send_time)
{
    struct shipper sh = {.lines = lines, .send_time = send_time,
                         .start = async_time()};
    async_task *t[2];

    /* Why: bounded, so the reader waits instead of running ahead. */
    sh.q = async_queue_new(buffer);
    t[0] = async_create_task(reader, &sh);
    t[1] = async_create_task(sender, &sh);
    async_gather(t, 2, NULL);
    printf("%ld lines in %.2f s, at most %zu waiting\n", lines,
           async_time() - sh.start, sh.most);
}

static async_value
amain(void *arg)
{
    (void)arg;
    ship(6, 2, 0.5);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
