// SPDX-License-Identifier: MIT
/*
 * puzzle.c: the program whose output exercise 04 asks you to predict. A
 * small exhibition where the three opponents think at different speeds.
 * Do not edit it; edit prediction.txt. Lesson 02 (concurrency).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

enum { BOARDS = 3, PAIRS = 2, HER_MOVE = 4 };

static const int reply[BOARDS] = {5, 20, 2}; /* each opponent's speed */
static double start;

static async_value
game(void *arg)
{
    int b = *(int *)arg;

    for (int m = 1; m <= PAIRS; m++) {
        printf("%.0f s: board %d, move %d\n", async_time() - start, b + 1,
               m);
        sleep(HER_MOVE);       /* she thinks: nothing else happens */
        async_sleep(reply[b]); /* the opponent thinks: she walks on */
    }
    printf("%.0f s: board %d over\n", async_time() - start, b + 1);
    return ASYNC_NONE;
}

static async_value
exhibition(void *arg)
{
    static int numbers[BOARDS] = {0, 1, 2};
    void *args[BOARDS] = {&numbers[0], &numbers[1], &numbers[2]};

    (void)arg;
    start = async_time();
    async_gather_fn(game, args, BOARDS, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(exhibition, NULL);
    return 0;
}
