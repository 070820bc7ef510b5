/* first.c: a fixture stub. */
#include <stdio.h>
#include "async.h"

static async_value
amain(void *arg)
{
    (void)arg;
    /* Why: the task prints once it runs. */
    printf("done\n");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
