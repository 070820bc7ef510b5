// SPDX-License-Identifier: MIT
/*
 * churn.c: a server that serves n short connections, one after another,
 * as a server that runs for a day would: each client connects, sends a
 * line, reads the echo and goes. The peak RSS after the first FIRST
 * clients and after all of them should be the same. The client closes
 * with a reset (SO_LINGER 0), so that no socket lingers in TIME_WAIT and
 * the ports do not run out.
 *
 *     churn N FIRST
 */
#include <sys/socket.h>
#include <unistd.h>

#include "../async.h"
#include "bench.h"

static long n, first, kb_first;

/* The server's side: one line echoed, then the runtime closes it. */
static void
echo_once(async_stream *s, void *arg)
{
    (void)arg;
    char line[64];
    ssize_t len = async_stream_readline(s, line, sizeof line);

    if (len > 0)
        async_stream_write(s, line, (size_t)len);
}

static void
one_client(int port)
{
    static const char hello[] = "hello\n";
    char got[sizeof hello];
    size_t have = 0;
    int fd = async_tcp_connect("127.0.0.1", port);

    if (fd < 0 || async_write(fd, hello, sizeof hello - 1) < 0) {
        perror("churn: client");
        exit(1);
    }
    while (have < sizeof hello - 1) {
        ssize_t r = async_read(fd, got + have, sizeof got - 1 - have);
        if (r <= 0) {
            fprintf(stderr, "churn: the server hung up early\n");
            exit(1);
        }
        have += (size_t)r;
    }
    struct linger reset = {.l_onoff = 1, .l_linger = 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    close(fd);
}

static async_value
churn(void *arg)
{
    (void)arg;
    async_server *srv = async_start_server(echo_once, NULL, "127.0.0.1", 0);

    if (srv == NULL) {
        perror("churn: listen");
        exit(1);
    }
    for (long i = 1; i <= n; i++) {
        one_client(async_server_port(srv));
        if (i == first)
            kb_first = bench_peak_kb();
    }
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    n = bench_n(argc, argv, 200000);
    first = argc > 2 ? atol(argv[2]) : 10000;
    if (first <= 0 || n < first) {
        fprintf(stderr, "usage: churn N FIRST (0 < FIRST <= N)\n");
        return 2;
    }
    double t0 = bench_now();
    async_run(churn, NULL);
    bench_report_growth(n, bench_now() - t0, first, kb_first,
                        bench_peak_kb());
    return 0;
}
