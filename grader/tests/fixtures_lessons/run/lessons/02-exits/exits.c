// SPDX-License-Identifier: MIT
/*
 * exits.c: a test fixture for grader/lessons.py: prints a line, complains
 * on stderr when ASYNC_DEBUG is set, and exits with status 3.
 */
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
    const char *debug = getenv("ASYNC_DEBUG");

    printf("exiting\n");
    if (debug != NULL)
        fprintf(stderr, "exits: debug is %s\n", debug);
    return 3;
}
