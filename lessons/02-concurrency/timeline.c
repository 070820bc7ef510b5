// SPDX-License-Identifier: MIT
/*
 * timeline.c: a small exhibition (3 boards, 2 move pairs, 5 s per move of
 * hers, 20 s per reply) that prints when she sits down at which board, so
 * you can see one player serve three games without ever doing two things
 * at once. Lesson 02 (concurrency).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

enum { BOARDS = 3, PAIRS = 2, HER_MOVE = 5, THEIR_MOVE = 20 };

static double start; /* when the exhibition began */

static async_value
game(void *arg)
{
    int board = *(int *)arg;

    for (int m = 1; m <= PAIRS; m++) {
        printf("t=%3.0f s  board %d: she moves (move %d)\n",
               async_time() - start, board, m);
        sleep(HER_MOVE);         /* her whole attention: nothing else runs */
        async_sleep(THEIR_MOVE); /* the opponent's turn: she walks on */
    }
    printf("t=%3.0f s  board %d: game over\n", async_time() - start,
           board);
    return ASYNC_NONE;
}

static async_value
exhibition(void *arg)
{
    static int numbers[BOARDS] = {1, 2, 3};
    void *args[BOARDS] = {&numbers[0], &numbers[1], &numbers[2]};

    (void)arg;
    start = async_time();
    async_gather_fn(game, args, BOARDS, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    double t0 = async_time();

    async_run(exhibition, NULL);
    printf("exhibition over after %.0f s (one board at a time: %d s)\n",
           async_time() - t0, BOARDS * PAIRS * (HER_MOVE + THEIR_MOVE));
    return 0;
}
