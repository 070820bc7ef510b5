// SPDX-License-Identifier: MIT
/*
 * driver.c: signs other users in with the student's sign_in: a quick
 * login, one cut off in its last step, one cut off while connecting
 * (nothing to give back), and one cut off while authenticating. Exercise
 * 37.
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

struct login {
    const char *user;
    double connect;
    double auth;
    double session;
};

extern int connections, tokens;
bool sign_in(struct login *l);

static async_value
amain(void *arg)
{
    (void)arg;
    struct login users[] = {
        {"dee", 0.1, 0.1, 0.1}, {"fay", 0.4, 0.4, 0.4},
        {"eve", 2.0, 0.1, 0.1}, {"gus", 0.5, 0.9, 0.1},
    };

    for (int i = 0; i < 4; i++) {
        double start = async_time();
        bool ok = sign_in(&users[i]);
        printf("%s: %s in %.2f s; connections %d, tokens %d\n",
               users[i].user, ok ? "in" : "out", async_time() - start,
               connections, tokens);
    }
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
