// SPDX-License-Identifier: MIT
/*
 * driver.c: other people in the student's chat room: two lines in one
 * write, people who leave while others join, and one who hangs up before
 * saying its name. Exercise 46.
 */
#include <stdio.h>

#include "async.h"
#include "clients.h"
#include "room.h"

static async_value
test(void *arg)
{
    (void)arg;
    static struct room room;
    async_server *srv = async_start_server(chat_client, &room, "127.0.0.1",
                                           0);
    int port = async_server_port(srv);
    struct person people[] = {
        {"dee", 0.0, {{0.2, "one\ntwo\n"}, {0.7, NULL}}, port, NULL},
        {"eli", 0.1, {{0.4, NULL}}, port, NULL},
        {"fay", 0.3, {{0.6, "hey"}, {0.65, " you\n"}, {0.9, NULL}},
         port, NULL},
        {"", 0.45, {{0.45, NULL}}, port, NULL},
        {"gil", 0.5, {{0.8, "anyone?\n"}, {1.0, NULL}}, port, NULL},
    };

    double left = talk_all(people, 5);
    printf("everyone has left at %.2f s; %d in the room\n", left, room.n);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(test, NULL);
    return 0;
}
