// SPDX-License-Identifier: MIT
/*
 * echo.c: the echo server of the echo workload, on asyncbook's streams:
 * a task per client, readline and write. It prints its port, serves until
 * CLIENTS clients have come and gone, then exits (loadgen.c is the load).
 */
#include <sys/resource.h>

#include "../async.h"
#include "bench.h"

static long clients, finished;
static async_event *all_gone;

static void
echo(async_stream *s, void *arg)
{
    (void)arg;
    char line[256];
    ssize_t n;

    while ((n = async_stream_readline(s, line, sizeof line)) > 0)
        if (async_stream_write(s, line, (size_t)n) < 0)
            break;
    if (++finished == clients)
        async_event_set(all_gone);
}

static async_value
serve(void *arg)
{
    (void)arg;
    all_gone = async_event_new();
    async_server *srv = async_start_server(echo, NULL, "127.0.0.1", 0);
    if (srv == NULL) {
        perror("echo: listen");
        exit(1);
    }
    printf("port %d\n", async_server_port(srv));
    fflush(stdout);
    async_event_wait(all_gone);
    async_server_close(srv);
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    struct rlimit rl;

    clients = bench_n(argc, argv, 1000);
    getrlimit(RLIMIT_NOFILE, &rl); /* a socket per client */
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    async_run(serve, NULL);
    return 0;
}
