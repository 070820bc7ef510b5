// SPDX-License-Identifier: MIT
/*
 * Exercise 03: the exhibition that took all day.
 *
 * The idea (lesson 02, concurrency, parallelism and asynchrony):
 *   1. One event loop, one thread: at any instant exactly one game runs.
 *   2. sleep() blocks the thread: while it lasts, no other game moves.
 *      That is right for her own move (she thinks about one board at a
 *      time) and wrong for the opponent's reply.
 *   3. async_sleep() suspends only the game that calls it; the loop hands
 *      her to the next board meanwhile. Waits overlap, work does not.
 *   4. With 4 boards, 2 s per move of hers and 6 s per reply, a lap of the
 *      room (8 s) is as long as a move pair, so she is never idle: she is
 *      busy 4 x 5 x 2 = 40 s, and the last reply adds 6 s.
 *
 * Your task: this exhibition is played as tasks, yet it takes as long as
 * a synchronous one: 160 s. Fix game() so that the program prints
 * "4 boards, 5 move pairs: 46 s" (within 47 s).
 *
 * Check it: make grade EX=03    Stuck? python3 grader/grade.py --hint 03
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

enum {
    HER_MOVE = 2,  /* seconds she thinks per move */
    THEIR_MOVE = 6 /* seconds an opponent thinks per reply */
};

static int pairs; /* move pairs per game, set by exhibition() */

/* game: one board: her move, then the opponent's reply, `pairs` times. */
async_value
game(void *arg)
{
    (void)arg;
    for (int m = 0; m < pairs; m++) {
        sleep(HER_MOVE); /* she thinks: nothing else can happen */
    }
    return ASYNC_NONE;
}

static async_value
play(void *arg)
{
    async_gather_fn(game, NULL, *(size_t *)arg, NULL);
    return ASYNC_NONE;
}

/* exhibition: plays `boards` games of `n` move pairs at once and returns
 * how many seconds it lasted. */
double
exhibition(size_t boards, int n)
{
    double start = async_time();

    pairs = n;
    async_run(play, &boards);
    return async_time() - start;
}

int
main(void)
{
    printf("4 boards, 5 move pairs: %.0f s\n", exhibition(4, 5));
    return 0;
}
