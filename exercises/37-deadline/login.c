// SPDX-License-Identifier: MIT
/*
 * Exercise 37: the deadline.
 *
 * The idea (lesson 18, timeouts):
 *   1. async_timeout(seconds, body, arg, &out) runs body(arg) in your own
 *      task with one deadline for everything it awaits (Python: async
 *      with asyncio.timeout(seconds): await body(arg)).
 *   2. If the deadline passes, body is cancelled where it waits: the
 *      cleanup handlers it pushed run, newest first, and async_timeout
 *      returns false. If body returns in time, it returns true.
 *   3. One deadline for the whole sequence, not one per step: three
 *      steps that are each quick enough can still be too slow together.
 *   4. Give back only what was taken: push each handler once its
 *      resource exists, and pop it with false if the work succeeds and
 *      keeps the resource.
 *
 * Your task: a login is three steps: connect, authenticate (which issues
 * a token) and open a session, each taking its own time. sign_in must
 * give the whole login DEADLINE seconds. A login cut off gives back what
 * it had taken (revoke the token, then disconnect); one that succeeds
 * keeps both. Here ada signs in at 0.70 s, bob (1.2 s of steps) and cy
 * (stuck connecting) are cut off at 1.00 s, and only ada's connection
 * and token are left.
 *
 * Check it: make grade EX=37    Stuck? python3 grader/grade.py --hint 37
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

#define DEADLINE 1.0 /* seconds a whole login may take */

struct login {
    const char *user; /* who signs in */
    double connect;   /* seconds each step takes */
    double auth;
    double session;
};

int connections; /* connections open right now */
int tokens;      /* tokens issued and not revoked */

/* disconnect, revoke: cleanup handlers; arg is the struct login. */
void
disconnect(void *arg)
{
    struct login *l = arg;

    connections--;
    printf("%s: disconnected\n", l->user);
}

void
revoke(void *arg)
{
    struct login *l = arg;

    tokens--;
    printf("%s: token revoked\n", l->user);
}

/* login_steps: a coroutine function (arg: a struct login *), the body
 * of the login: the three steps one after another. */
async_value
login_steps(void *arg)
{
    struct login *l = arg;

    async_sleep(l->connect);
    connections++;
    printf("%s: connected\n", l->user);
    /* TODO: if the login is cut off from here on, disconnect. */
    async_sleep(l->auth);
    tokens++;
    printf("%s: authenticated\n", l->user);
    /* TODO: and from here on, revoke the token too. */
    async_sleep(l->session);
    printf("%s: session open\n", l->user);
    /* TODO: signed in: the token and the connection are kept. */
    return ASYNC_NONE;
}

/* sign_in: runs l's login, giving it DEADLINE seconds in all. Returns
 * whether it signed in. A coroutine function: call it from a task. */
bool
sign_in(struct login *l)
{
    /* TODO: run login_steps(l) with one deadline, DEADLINE seconds, for
     * the whole of it; return whether it finished in time. */
    (void)l;
    TODO("run login_steps under a deadline of DEADLINE seconds");
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct login users[] = {
        {"ada", 0.2, 0.3, 0.2}, {"bob", 0.3, 0.5, 0.4}, {"cy", 1.5, 0.1, 0.1},
    };

    for (int i = 0; i < 3; i++) {
        double start = async_time();
        bool ok = sign_in(&users[i]);
        printf("%s: %s at %.2f s\n", users[i].user,
               ok ? "signed in" : "timed out", async_time() - start);
    }
    printf("connections: %d, tokens: %d\n", connections, tokens);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
