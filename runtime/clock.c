// SPDX-License-Identifier: MIT
/*
 * clock.c: loop time, and every rule that moves the virtual clock. The
 * real clock is the monotonic one; the virtual one (ASYNC_CLOCK=virtual)
 * jumps to the next deadline when nothing is ready, so an hour's sleep
 * ends at once with exact times, yet it drifts as a real loop (lesson 07).
 * Each clock_* function is one rule; a thread's job moves it not at all.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* The virtual clock's constants; grader/vclock.py reads them too. Keep
 * each `#define ASYNC_VCLOCK_NAME number` (seconds), its comment above. */

/* What one task step costs. Real asyncio spends microseconds per step and
 * times a sleep from when its task resumed, so chained sleeps drift late
 * and CPython's output order depends on it (lesson 08, example 5). 1 us
 * per resumed step drifts alike, below any printed time (two decimals). */
#define ASYNC_VCLOCK_STEP_COST 1e-6

/* What a wait overshoots by: a real loop wakes a little late (timer slack,
 * the scheduler), so timers armed microseconds apart, as three tasks'
 * sleep(1) in turn, fire in one iteration as in CPython (lesson 11). */
#define ASYNC_VCLOCK_WAKE_LATENCY 50e-6

/* A step that used more CPU than this held the loop for real: the clock
 * moves on by that CPU time, so a busy loop shows late (lesson 13). A
 * shorter step, whose CPU time varies by run, costs the step cost only. */
#define ASYNC_VCLOCK_LONG_STEP 0.010

/* Not virtual: the longest real wait (asyncio's MAXIMUM_SELECT_TIMEOUT); a
 * later deadline, or one past a time_t, is waited for a day at a time. */
#define MAX_WAIT 86400.0

static struct {
    int is_virtual;   /* ASYNC_CLOCK=virtual or async_use_virtual_clock */
    double now;       /* the virtual time, in seconds from program start */
    double long_step; /* ASYNC_VCLOCK_LONG_STEP; see clock_long_step */
} clk = {.long_step = ASYNC_VCLOCK_LONG_STEP};

/* The job a worker thread runs, if this thread is one (clock_job_run). */
static _Thread_local struct clock_job *running_job;

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

/* clock_check_delay: NaN is a bug upstream (0.0 / 0.0, a delay never set);
 * CPython fires such a timer when its heap happens to. INFINITY: no end. */
void
clock_check_delay(const char *who, double seconds)
{
    if (!isnan(seconds))
        return;
    async_task *t = async_current_task();
    fatal("%s: %s%s%sgave NaN seconds (not a number: a 0.0 / 0.0, or a "
          "delay computed from one); give a number of seconds (INFINITY "
          "for no end)", who, t ? "task '" : "", t ? t->name : "",
          t ? "' " : "");
}

/* clock_deadline: loop time delay seconds from now (negative: now), for
 * who. Infinite: a timer that never fires, waited for as no timer at all. */
double
clock_deadline(const char *who, double delay)
{
    clock_check_delay(who, delay);
    return clock_now() + (delay > 0 ? delay : 0);
}

/* sleep_until: the real clock's wait with no fd awaited, by clock_nanosleep
 * (programs may wrap nanosleep). Only EINTR is retried: others would spin. */
static void
sleep_until(double deadline)
{
    deadline = fmin(deadline, clock_real() + MAX_WAIT); /* fits a time_t */
    struct timespec ts = {.tv_sec = (time_t)deadline};
    ts.tv_nsec = (long)fmin((deadline - (double)ts.tv_sec) * 1e9,
                            999999999.0); /* rounding, under a second */
    int err;
    while ((err = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
                                  NULL)) == EINTR)
        ;
    if (err != 0)
        fatal("waiting for the next timer: clock_nanosleep: %s",
              strerror(err));
}

/* As trio's autojump clock: look first; a ready descriptor runs without
 * moving time. Only if none is and no thread runs does time jump, a
 * wake-up latency past the deadline. A running thread, or a descriptor
 * with no timer armed, is awaited in real time while virtual time stands
 * still, so a result lands at a time independent of the machine's speed. */
static void
virtual_wait(async_loop *loop, double deadline)
{
    size_t before = loop->io_waiting;
    if (before > 0) {
        io_select(loop, 0);
        if (loop->io_waiting < before || deadline <= clk.now)
            return;
        if (thread_jobs(loop) > 0 || isinf(deadline)) {
            io_select(loop, -1);
            return;
        }
    }
    if (deadline > clk.now)
        clk.now = deadline + ASYNC_VCLOCK_WAKE_LATENCY;
}

/* clock_wait: loop_run_once's phase 2, nothing ready before deadline (0:
 * only look; INFINITY: no timer, so a descriptor or thread is awaited).
 * The real clock waits in the backend if fds are awaited, else sleeps. */
void
clock_wait(async_loop *loop, double deadline)
{
    assert(loop->io_waiting > 0 || !isinf(deadline));
    if (clk.is_virtual) {
        virtual_wait(loop, deadline);
    } else if (loop->io_waiting > 0) {
        io_select(loop, isinf(deadline) ? -1
                  : fmin(fmax(0, deadline - clock_real()), MAX_WAIT));
    } else if (deadline > 0) {
        sleep_until(deadline);
    }
}

static void
charge(double seconds)
{
    if (clk.is_virtual && seconds > 0)
        clk.now += seconds;
}

/* clock_step: a task resumes (see ASYNC_VCLOCK_STEP_COST). */
void
clock_step(void)
{
    charge(ASYNC_VCLOCK_STEP_COST);
}

/* clock_computed: a step used cpu seconds of CPU (ASYNC_VCLOCK_LONG_STEP). */
void
clock_computed(double cpu)
{
    if (cpu > clk.long_step)
        charge(cpu);
}

/* clock_long_step: the runtime's tests set the threshold (INFINITY: never
 * charge): their exact times must not depend on a step's speed, and under
 * valgrind a first step can use 10 ms. The rule's own tests turn it back. */
void
clock_long_step(double seconds)
{
    assert(seconds > 0);
    clk.long_step = seconds;
}

/* clock_slept: a libc sleep for seconds (blocking.c); 1 if the virtual
 * clock takes it, 0 if it must really sleep. A task's sleep blocked the
 * loop: time moves on by that much; a job's delays its result only. */
int
clock_slept(double seconds)
{
    if (!clk.is_virtual)
        return 0;
    if (running_job != NULL)
        running_job->slept += seconds > 0 ? seconds : 0;
    else
        charge(seconds);
    return 1;
}

/* A job of async_to_thread keeps its own virtual time: the loop time it
 * was submitted at (clock_job_begin) plus its libc sleeps (clock_job_run:
 * this worker starts c; NULL: done). Its result is due when they end
 * (clock_job_due; before now: at once). Its CPU the clock cannot see. */
void
clock_job_begin(struct clock_job *c)
{
    *c = (struct clock_job){.began = clock_now()};
}

void
clock_job_run(struct clock_job *c)
{
    running_job = c;
}

double
clock_job_due(const struct clock_job *c)
{
    return c->began + c->slept;
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
