/* SPDX-License-Identifier: MIT */
/*
 * bench.h: what every benchmark program shares: a clock, and the one
 * JSON line it prints for bench.py ({"n": ..., "seconds": ...}).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double
bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static inline long
bench_n(int argc, char **argv, long dflt)
{
    return argc > 1 ? atol(argv[1]) : dflt;
}

static inline void
bench_report(long n, double seconds)
{
    printf("{\"n\": %ld, \"seconds\": %.9f}\n", n, seconds);
}

#endif
