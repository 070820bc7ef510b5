// SPDX-License-Identifier: MIT
/*
 * room.h: the chat room every client of exercise 46's server shares, and
 * what chat.c defines. room.c holds the room's functions.
 */
#ifndef ROOM_H
#define ROOM_H

#include <stdbool.h>
#include <stddef.h>

#include "async.h"

#define MEMBERS 16
#define LINE 128

struct member {
    async_stream *s; /* the connection to this client */
    char name[16];   /* what it called itself */
};

struct room {
    int n;                          /* members connected */
    struct member *member[MEMBERS]; /* in the order they joined */
};

/* room_add: m joins r (a full room ignores it). */
void room_add(struct room *r, struct member *m);

/* room_remove: m leaves r; the others keep their order. */
void room_remove(struct room *r, struct member *m);

/* read_name: the client's first line, without its '\n'; false if it hung
 * up before sending one. */
bool read_name(async_stream *s, char *name, size_t size);

/* broadcast (chat.c): sends text to every member of r but from. */
void broadcast(struct room *r, struct member *from, const char *text);

/* chat_client (chat.c): the client function; arg is the room. */
void chat_client(async_stream *s, void *arg);

#endif
