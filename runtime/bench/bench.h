/* SPDX-License-Identifier: MIT */
/*
 * bench.h: what every benchmark program shares: a clock, and the one
 * JSON line it prints for bench.py ({"n": ..., "seconds": ...}).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

/* bench_peak_kb: this process's peak resident set so far, in KiB: Linux's
 * VmHWM, else getrusage's (whose unit is bytes on macOS). */
static inline long
bench_peak_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[128];
    long kb = -1;

    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = atol(line + 6);
    if (f != NULL)
        fclose(f);
    if (kb < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kb = ru.ru_maxrss;
#ifdef __APPLE__
        kb /= 1024;
#endif
    }
    return kb;
}

/* bench_report_growth: bench_report's line for the memory workloads,
 * with the peak RSS after the first `first` operations and after all. */
static inline void
bench_report_growth(long n, double seconds, long first, long kb_first,
                    long kb_all)
{
    printf("{\"n\": %ld, \"seconds\": %.9f, \"first\": %ld, "
           "\"peak_kb_first\": %ld, \"peak_kb_all\": %ld}\n",
           n, seconds, first, kb_first, kb_all);
}

#endif
