// SPDX-License-Identifier: MIT
/*
 * back_pressure.c: a fast producer and a slow consumer. Unbounded, the
 * queue takes everything at once and the producer is done long before
 * its items are used. With maxsize 2, put waits while the queue is full,
 * so the producer is paced by the consumer: back-pressure. Lesson 20
 * (queues).
 */
#include <stdio.h>

#include "async.h"

#define ITEMS 5

static double start; /* when the current run began */

static double
now(void)
{
    return async_time() - start;
}

static async_value
producer(void *arg)
{
    async_queue *q = arg;

    for (long i = 1; i <= ITEMS; i++) {
        async_queue_put(q, ASYNC_INT(i)); /* waits while the queue is full */
        printf("%.2f s  made %ld, %zu in the queue\n", now(), i,
               async_queue_size(q));
    }
    async_queue_put(q, ASYNC_INT(0));
    printf("%.2f s  producer done\n", now());
    return ASYNC_NONE;
}

static async_value
consumer(void *arg)
{
    async_queue *q = arg;
    long item;

    while ((item = async_queue_get(q).i) != 0) {
        async_sleep(1); /* using an item takes 1 s */
        printf("%.2f s  used %ld\n", now(), item);
    }
    return ASYNC_NONE;
}

static void
run(size_t maxsize)
{
    async_queue *q = async_queue_new(maxsize);
    async_task *t[2];

    printf("maxsize %zu:\n", maxsize);
    start = async_time();
    t[0] = async_create_task(producer, q);
    t[1] = async_create_task(consumer, q);
    async_gather(t, 2, NULL);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    run(0); /* unbounded */
    run(2);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
