// SPDX-License-Identifier: MIT
/*
 * Exercise 46: a chat room.
 *
 * The idea (lesson 22, servers):
 *   1. async_start_server runs each client in a task of its own; what
 *      the clients share (the room: who is connected) lives outside the
 *      tasks and reaches them through arg.
 *   2. A line protocol: the first line a client sends is its name, each
 *      later line a message. async_stream_readline returns one whole
 *      line, or 0 when the client has hung up.
 *   3. Broadcasting is a loop over the room, writing to every member's
 *      stream but the sender's (async_stream_write).
 *   4. When your client function returns, async_start_server closes the
 *      client's stream and frees it: by then it must be out of the room,
 *      or the next broadcast writes to a stream that no longer exists.
 *
 * Your task: write broadcast, and the rest of chat_client: join the
 * room, telling the others "* NAME joined"; send each line the client
 * says to the others as "NAME: line"; when it hangs up, leave the room
 * and tell the others "* NAME left". room.h has the room (struct room,
 * struct member) and what you may call on it: room_add, room_remove,
 * read_name (room.c holds them). The test (clients.c, beside this file;
 * make run EX=46 runs it) has three people talk, and checks who hears
 * what, and when.
 *
 * Check it: make grade EX=46    Stuck? python3 grader/grade.py --hint 46
 */
#include <stdio.h>
#include <string.h>

#include "async.h"
#include "room.h"

/* broadcast: sends text (a line ending with '\n') to every member of r
 * but from. */
void
broadcast(struct room *r, struct member *from, const char *text)
{
    /* TODO: write text to each member's stream, except from's. */
    TODO("send text to every member of the room but the sender");
    (void)r, (void)from, (void)text;
}

/* chat_client: the client function; arg is the room. */
void
chat_client(async_stream *s, void *arg)
{
    struct room *r = arg;
    struct member me = {.s = s};

    if (!read_name(s, me.name, sizeof me.name))
        return; /* gone before saying who it is */
    /* TODO: join (room_add, then "* NAME joined" to the others); relay
     * each line as "NAME: line" until async_stream_readline returns 0;
     * then leave (room_remove, then "* NAME left" to the others). */
    TODO("join the room, relay each line to the others, then leave");
    (void)r;
}
