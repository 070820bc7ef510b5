// SPDX-License-Identifier: MIT
/*
 * clock.c: loop time. The real clock is the monotonic one; the virtual
 * clock (ASYNC_CLOCK=virtual) jumps to the next deadline when nothing is
 * ready, so a program that sleeps an hour finishes at once, with exact
 * times. Lesson 07 (sleeping) explains why it must also drift. It never
 * jumps over a descriptor that is ready or a thread still running
 * (io_wait in io.c); a libc sleep in a thread's job delays only that
 * job's result (thread.c). A job that computes for real seconds thus
 * takes no virtual time at all: the clock cannot see CPU work.
 */
#include <time.h>

#include "internal.h"

/* What one task step costs under the virtual clock. Real asyncio spends
 * some microseconds per step, and a sleep is measured from when the task
 * really resumed, so a chain of sleeps drifts late: two deadlines that
 * look equal on paper are not, and CPython's output order depends on it
 * (lesson 08, example 5). Charging each resumed step reproduces that
 * drift deterministically; one microsecond is far below what any
 * printed time (two decimals) can show. */
#define STEP_COST 1e-6

/* What a wait overshoots by under the virtual clock. A real loop that
 * sleeps until a deadline wakes a little late (the kernel's timer slack,
 * the scheduler), so timers armed microseconds apart, such as three
 * tasks' sleep(1) started one after another, all fire in the same
 * iteration, as CPython prints them (lesson 11, as_completed). */
#define WAKE_LATENCY 50e-6

static struct {
    int is_virtual; /* ASYNC_CLOCK=virtual or async_use_virtual_clock */
    double now;     /* the virtual time, in seconds from program start */
} clk;

double
clock_real(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double
clock_now(void)
{
    return clk.is_virtual ? clk.now : clock_real();
}

int
clock_is_virtual(void)
{
    return clk.is_virtual;
}

/* clock_wait: the loop has nothing to do until deadline. The real clock
 * sleeps until then (clock_nanosleep, not the nanosleep a student's
 * program may have wrapped); the virtual clock jumps there, a wake-up
 * latency late (see WAKE_LATENCY). */
void
clock_wait(double deadline)
{
    if (clk.is_virtual) {
        if (deadline > clk.now)
            clk.now = deadline + WAKE_LATENCY;
        return;
    }
    struct timespec ts = {.tv_sec = (time_t)deadline};
    ts.tv_nsec = (long)((deadline - (double)ts.tv_sec) * 1e9);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0)
        ; /* EINTR: a signal arrived; keep waiting */
}

/* clock_charge: a blocking call or a long step took this long: under the
 * virtual clock, time moves on by as much. */
void
clock_charge(double seconds)
{
    if (clk.is_virtual && seconds > 0)
        clk.now += seconds;
}

/* clock_step: a task resumes (see STEP_COST). */
void
clock_step(void)
{
    if (clk.is_virtual)
        clk.now += STEP_COST;
}

double
async_time(void)
{
    LOOP_THREAD_ONLY("async_time");
    config_load();
    return clock_now();
}

void
async_use_virtual_clock(bool on)
{
    LOOP_THREAD_ONLY("async_use_virtual_clock");
    clk.is_virtual = on;
}

