// SPDX-License-Identifier: MIT
/*
 * driver.c: plays exhibitions of other sizes with the student's game()
 * and prints how long each lasted. Exercise 03.
 */
#include <stdio.h>

#include "async.h"

double exhibition(size_t boards, int n);

int
main(void)
{
    printf("%.0f\n", exhibition(3, 2)); /* a lap is shorter than a reply */
    printf("%.0f\n", exhibition(6, 3)); /* she is never idle */
    printf("%.0f\n", exhibition(1, 4)); /* one board: nothing to overlap */
    return 0;
}
