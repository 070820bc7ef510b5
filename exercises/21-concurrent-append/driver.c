// SPDX-License-Identifier: MIT
/*
 * driver.c: other pairs, and two rounds on one list, so that printing
 * [1, 3, 2, 4, 6, 5] by hand does not pass. Exercise 21.
 */
#include <stdio.h>

#include "async.h"

struct list {
    long v[32];
    size_t n;
};

void append_concurrently(struct list *lst, const long pairs[][2], size_t n);

static void
print_list(const struct list *lst)
{
    printf("[");
    for (size_t i = 0; i < lst->n; i++)
        printf(i ? ", %ld" : "%ld", lst->v[i]);
    printf("]\n");
}

static async_value
amain(void *arg)
{
    struct list *lst = arg;
    static const long four[4][2] = {{7, 8}, {9, 10}, {-1, -2}, {0, 100}};
    static const long one[1][2] = {{42, 43}};
    double start = async_time();

    append_concurrently(lst, four, 4);
    print_list(lst);
    printf("%.2f s\n", async_time() - start);
    append_concurrently(lst, one, 1);
    print_list(lst);
    printf("%.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    static struct list lst;

    async_run(amain, &lst);
    return 0;
}
