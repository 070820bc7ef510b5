/* first.c: a fixture stub. */
#include <stdio.h>
#include "async.h"

static async_value
amain(void *arg)
{
    (void)arg;
    /* TODO: print done. */
    TODO("print done");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
