// SPDX-License-Identifier: MIT
/*
 * chess.c: a simultaneous chess exhibition, simulated. One grandmaster
 * plays 24 opponents; her move takes 5 s of her full attention (a
 * blocking sleep), each reply takes an opponent 55 s. Played one board at
 * a time it lasts 12 hours; moving on while opponents think, about one.
 * Lesson 02 (concurrency).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

enum {
    BOARDS = 24,    /* opponents, one board each */
    PAIRS = 30,     /* move pairs per game: hers, then the reply */
    HER_MOVE = 5,   /* seconds she thinks per move */
    THEIR_MOVE = 55 /* seconds an opponent thinks per reply */
};

/* One board at a time: she sits at the board through every reply. */
static void
exhibition_sync(void)
{
    for (int b = 0; b < BOARDS; b++)
        for (int m = 0; m < PAIRS; m++) {
            sleep(HER_MOVE);
            sleep(THEIR_MOVE); /* she waits, doing nothing */
        }
}

/* One game as a task: her move still blocks (she can only think about
 * one board at once), but during the reply she walks on. */
static async_value
game(void *arg)
{
    (void)arg;
    for (int m = 0; m < PAIRS; m++) {
        sleep(HER_MOVE);
        async_sleep(THEIR_MOVE); /* the opponent thinks; others get her */
    }
    return ASYNC_NONE;
}

static async_value
exhibition_async(void *arg)
{
    (void)arg;
    async_gather_fn(game, NULL, BOARDS, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();
    exhibition_sync();
    double sync = async_time() - start;
    printf("sync  total: %.0f s = %.1f h\n", sync, sync / 3600);

    start = async_time();
    async_run(exhibition_async, NULL);
    long secs = (long)(async_time() - start + 0.5);
    printf("async total: %ld s = %ld min %ld s\n", secs, secs / 60,
           secs % 60);
    printf("speed-up: %.1fx\n", sync / secs);
    return 0;
}
