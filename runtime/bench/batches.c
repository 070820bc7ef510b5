// SPDX-License-Identifier: MIT
/*
 * batches.c: memory that stays flat. n tasks, created and awaited in
 * batches of 1,000 (gathered, then detached: async.h's rule for the tasks
 * a program holds), as a program that runs for a day would. The peak RSS
 * after the first FIRST tasks and after all of them should be the same.
 *
 *     batches N FIRST
 */
#include "../async.h"
#include "bench.h"

#define BATCH 1000

static long n, first, kb_first;

static async_value
work(void *arg)
{
    async_sleep(0); /* one suspension: an awaited task, not a call */
    return ASYNC_PTR(arg);
}

static async_value
batches(void *arg)
{
    (void)arg;
    long batch = first < BATCH ? first : BATCH;
    async_task *t[BATCH];
    async_value r[BATCH];

    for (long done = 0; done < n; done += batch) {
        for (long i = 0; i < batch; i++)
            t[i] = async_create_task(work, NULL);
        async_gather(t, (size_t)batch, r);
        for (long i = 0; i < batch; i++)
            async_task_detach(t[i]);
        if (done + batch == first)
            kb_first = bench_peak_kb();
    }
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    n = bench_n(argc, argv, 1000000);
    first = argc > 2 ? atol(argv[2]) : 10000;
    if (first <= 0 || n < first) {
        fprintf(stderr, "usage: batches N FIRST (0 < FIRST <= N)\n");
        return 2;
    }
    double t0 = bench_now();
    async_run(batches, NULL);
    bench_report_growth(n, bench_now() - t0, first, kb_first,
                        bench_peak_kb());
    return 0;
}
