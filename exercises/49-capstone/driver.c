// SPDX-License-Identifier: MIT
/*
 * driver.c: the student's crawl on another site: five pages, two at a
 * time, each within 0.5 s. Exercise 49.
 */
#include <stdio.h>

#include "async.h"

async_server *page_server_start(const double *page_delays, long n);
void page_server_report(void);
long crawl(int port, long n, long limit, double timeout);

static async_value
amain(void *arg)
{
    (void)arg;
    static const double site[5] = {0.2, 0.9, 0.4, 0.15, 0.3};
    async_server *srv = page_server_start(site, 5);
    double begin = async_time();

    long got = crawl(async_server_port(srv), 5, 2, 0.5);
    printf("5 pages: %ld fetched in %.2f s\n", got, async_time() - begin);
    page_server_report();
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
