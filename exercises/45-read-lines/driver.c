// SPDX-License-Identifier: MIT
/*
 * driver.c: other commands for the student's handle, from three clients:
 * a key set twice, a client that hangs up in the middle of a command,
 * three commands and an empty line in one write, and a command cut in
 * two. Exercise 45.
 */

#include "async.h"
#include "clients.h"
#include "store.h"

static async_value
test(void *arg)
{
    (void)arg;
    static struct store st;
    const char *names[] = {"cy", "dan", "eve"};
    struct step steps[] = {
        {0, 0, "SET x 1\n", 1},
        {1, 0, "SET x 2\n", 1},
        {0, 0, "GET x\n", 1},
        {1, 0, "SET half 1", 0},
        {1, 0, NULL, 0},
        {0, 0.1, "GET half\n", 1},
        {2, 0, "DEL x\nGET x\n\n", 3},
        {2, 0, "SET k", 0},
        {2, 0.1, "ey value\nGET key\n", 2},
        {0, 0, "GET y\n", 1},
    };
    async_server *srv = async_start_server(handle, &st, "127.0.0.1", 0);
    async_stream *s[3];

    for (int i = 0; i < 3; i++)
        s[i] = async_open_connection("127.0.0.1", async_server_port(srv));
    run_steps(names, s, steps, sizeof steps / sizeof steps[0]);
    for (int i = 0; i < 3; i++)
        if (s[i] != NULL)
            async_stream_close(s[i]);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
