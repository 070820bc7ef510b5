// SPDX-License-Identifier: MIT
/*
 * driver.c: two more crawls of the same server: seven pages three at a
 * time, then four pages four at a time. Exercise 40.
 */
#include <stdio.h>

#include "async.h"

async_server *page_server_start(void);
void page_server_report(void);
void crawl(int port, long n, long limit);

static void
crawl_and_report(int port, long n, long limit)
{
    double start = async_time();

    crawl(port, n, limit);
    printf("%ld pages, %ld at a time: %.2f s\n", n, limit,
           async_time() - start);
    page_server_report();
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_server *srv = page_server_start();

    crawl_and_report(async_server_port(srv), 7, 3);
    crawl_and_report(async_server_port(srv), 4, 4);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
