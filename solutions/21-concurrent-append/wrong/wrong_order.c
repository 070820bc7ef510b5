// SPDX-License-Identifier: MIT
/*
 * Exercise 21: the concurrent append.
 *
 * The idea (lesson 10, gather; lesson 08, task order):
 *   1. Tasks start in the order they are created (gather creates them in
 *      argument order), each running until its first wait.
 *   2. append_two_values appends its first value, sleeps 0.5 s, then
 *      appends its second: started together, three calls append all the
 *      first values, then, half a second later, all the second values.
 *   3. Timers armed in the order 1, 2, 3 fire in that order.
 *   4. Called one after another, three calls take 3 x 0.5 = 1.50 s and
 *      append each pair together.
 *
 * Your task: call append_two_values three times, with (1, 4), (3, 6) and
 * (2, 5), all at once, so that the list ends as [1, 3, 2, 4, 6, 5] and
 * the whole run takes under 1 second. Write append_concurrently; do not
 * change append_two_values.
 *
 * Check it: make grade EX=21    Stuck? python3 grader/grade.py --hint 21
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct list {
    long v[32];
    size_t n;
};

/* Given; do not modify. Appends value1, sleeps 0.5 s, appends value2. */
void
append_two_values(struct list *lst, long value1, long value2)
{
    lst->v[lst->n++] = value1;
    async_sleep(0.5);
    lst->v[lst->n++] = value2;
}

/* One call's arguments, and a coroutine function that makes the call:
 * what async_create_task or async_gather_fn can start as a task. */
struct append_call {
    struct list *lst;
    long value1;
    long value2;
};

static async_value
append_task(void *arg)
{
    struct append_call *c = arg;

    append_two_values(c->lst, c->value1, c->value2);
    return ASYNC_NONE;
}

/* append_concurrently: calls append_two_values(lst, pairs[i][0],
 * pairs[i][1]) for i < n <= 8, all at the same time, and returns when
 * every call has finished. Call it from a task. */
void
append_concurrently(struct list *lst, const long pairs[][2], size_t n)
{
    /* Why: gather starts the calls in pair order and waits for them all. */
    struct append_call calls[8];
    void *args[8];

    for (size_t i = 0; i < n; i++) { /* sorted by first value: a mistake */
        size_t j = i;
        while (j > 0 && calls[j - 1].value1 > pairs[i][0]) {
            calls[j] = calls[j - 1];
            j--;
        }
        calls[j] = (struct append_call){lst, pairs[i][0], pairs[i][1]};
    }
    for (size_t i = 0; i < n; i++)
        args[i] = &calls[i];
    async_gather_fn(append_task, args, n, NULL);
}

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
    static const long pairs[3][2] = {{1, 4}, {3, 6}, {2, 5}};

    append_concurrently(arg, pairs, 3);
    return ASYNC_NONE;
}

int
main(void)
{
    static struct list lst;

    async_run(amain, &lst);
    print_list(&lst);
    return 0;
}
