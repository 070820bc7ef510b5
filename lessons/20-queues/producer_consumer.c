// SPDX-License-Identifier: MIT
/*
 * producer_consumer.c: a queue between two tasks. The producer puts
 * items as it makes them; the consumer gets them in the same order,
 * waiting while the queue is empty. Neither knows the other, only the
 * queue. A 0 put last says "no more". Lesson 20 (queues).
 */
#include <stdio.h>

#include "async.h"

static async_queue *q; /* from the producer to the consumer */

static double start; /* when main began, in loop time */

static double
now(void)
{
    return async_time() - start;
}

static async_value
producer(void *arg)
{
    (void)arg;
    for (long i = 1; i <= 3; i++) {
        async_sleep(0.1); /* making an item takes 0.1 s */
        async_queue_put(q, ASYNC_INT(i));
        printf("%.2f s  put %ld\n", now(), i);
    }
    async_queue_put(q, ASYNC_INT(0));
    return ASYNC_NONE;
}

static async_value
consumer(void *arg)
{
    (void)arg;
    for (;;) {
        long item = async_queue_get(q).i; /* waits while it is empty */
        if (item == 0)
            break;
        printf("%.2f s  got %ld\n", now(), item);
    }
    printf("%.2f s  consumer: no more items\n", now());
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_task *t[2];

    start = async_time();
    q = async_queue_new(0); /* unbounded */
    t[0] = async_create_task(consumer, NULL);
    t[1] = async_create_task(producer, NULL);
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
