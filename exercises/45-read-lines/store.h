// SPDX-License-Identifier: MIT
/*
 * store.h: the store every client of exercise 45's server shares, and
 * what kv.c defines. store.c holds the store's functions.
 */
#ifndef STORE_H
#define STORE_H

#include "async.h"

#define KEYS 32

struct store {
    int n;                /* keys in use */
    char key[KEYS][32];   /* key[i] holds value[i] */
    char value[KEYS][32]; /* each at most 31 characters */
};

/* store_get: the value of key, or NULL. */
const char *store_get(struct store *st, const char *key);

/* store_set: sets key to value (a full store forgets the new key). */
void store_set(struct store *st, const char *key, const char *value);

/* reply: sends text and a '\n' to the client. */
void reply(async_stream *s, const char *text);

/* handle (kv.c): the client function; arg is the struct store all
 * clients share. */
void handle(async_stream *s, void *arg);

#endif
