/* SPDX-License-Identifier: MIT */
/*
 * test_stream.c: TCP sockets, streams and servers. Connections are real
 * loopback sockets; the clock is virtual, which moves only when no
 * descriptor is ready, so the times below are exact. The echo server is
 * tested under load (1,000 clients at once) and against faulty peers: one
 * that vanishes mid-line, one that trickles a byte a second, one that
 * will not read, signals that interrupt the loop's waits, and running out
 * of file descriptors.
 */
#define _GNU_SOURCE /* F_DUPFD_CLOEXEC, SOCK_NONBLOCK */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "async.h"
#include "helpers.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* ---- The echo server the tests share -------------------------------------
 * Echoes every whole line. With a non-NULL arg it logs how each client
 * ended and any line cut short by the end of the connection.
 */
static void
echo(async_stream *s, void *arg)
{
    char line[256];

    for (;;) {
        ssize_t n = async_stream_readline(s, line, sizeof line);
        if (n <= 0) {
            if (arg)
                log_event("end %s", n == 0 ? "eof"
                                    : errno == ECONNRESET ? "ECONNRESET"
                                                          : strerror(errno));
            return;
        }
        if (line[n - 1] != '\n') {
            if (arg)
                log_event("partial '%s'", line);
            continue;
        }
        if (async_stream_write(s, line, (size_t)n) < 0) {
            if (arg)
                log_event("end write: %s", strerror(errno));
            return;
        }
    }
}

/* ---- Sockets -------------------------------------------------------------- */

static int port;

static async_value
accept_and_answer(void *arg)
{
    char buf[16] = {0};
    int fd = async_tcp_accept(INT(arg));

    async_read(fd, buf, 5);
    log_event("server got %s", buf);
    async_write(fd, "pong\n", 5);
    close(fd);
    return ASYNC_NONE;
}

static async_value
main_exchange(void *arg)
{
    (void)arg;
    char buf[16] = {0};
    int lfd = async_tcp_listen("127.0.0.1", 0);
    port = async_tcp_port(lfd);
    async_task *t = async_create_task(accept_and_answer, ARG(lfd));
    int fd = async_tcp_connect("localhost", port);
    async_write(fd, "ping\n", 5);
    async_read(fd, buf, 5);
    log_event("client got %s", buf);
    async_await(t);
    close(fd);
    close(lfd);
    return ASYNC_NONE;
}

static void
test_tcp_listen_port_zero_connect_exchanges(void **state)
{
    (void)state;
    async_run(main_exchange, NULL);
    assert_true(port > 0);
    assert_log("server got ping\n", "client got pong\n");
}

static async_value
main_refused(void *arg)
{
    (void)arg;
    int lfd = async_tcp_listen("127.0.0.1", 0);
    int p = async_tcp_port(lfd);
    close(lfd); /* nobody listens there now */
    int fd = async_tcp_connect("127.0.0.1", p);
    log_event("connect %d %s", fd, errno == ECONNREFUSED ? "ECONNREFUSED" : "?");
    async_stream *s = async_open_connection("127.0.0.1", p);
    log_event("open_connection %s %s", s ? "stream" : "NULL",
              errno == ECONNREFUSED ? "ECONNREFUSED" : "?");
    return ASYNC_NONE;
}

static void
test_tcp_connect_closed_port_fails_econnrefused(void **state)
{
    (void)state;
    async_run(main_refused, NULL);
    assert_log("connect -1 ECONNREFUSED", "open_connection NULL ECONNREFUSED");
}

/* ---- Streams over a socket pair ------------------------------------------- */

struct pieces {
    int fd;                  /* the writing end */
    const char *const *part; /* written one per iteration, NULL-ended */
};

static async_value
write_pieces(void *arg)
{
    struct pieces *p = arg;

    for (const char *const *s = p->part; *s; s++) {
        async_write(p->fd, *s, strlen(*s));
        async_sleep(0);
    }
    close(p->fd);
    return ASYNC_NONE;
}

/* read_lines: the lines a stream returns with a buffer of size bytes,
 * logged, while another task writes the pieces. */
static size_t line_size;
static const char *const *line_parts;

static async_value
main_read_lines(void *arg)
{
    (void)arg;
    int sv[2];
    char buf[64];
    ssize_t n;

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct pieces p = {sv[1], line_parts};
    async_task *t = async_create_task(write_pieces, &p);
    async_stream *s = async_stream_new(sv[0]);
    while ((n = async_stream_readline(s, buf, line_size)) > 0)
        log_event("%zd '%s'", n, buf);
    log_event("%zd", n);
    async_await(t);
    async_stream_close(s);
    return ASYNC_NONE;
}

static void
read_lines(size_t size, const char *const *parts)
{
    line_size = size;
    line_parts = parts;
    async_run(main_read_lines, NULL);
}

static void
test_stream_readline_joins_lines_split_across_writes(void **state)
{
    (void)state;
    read_lines(64, (const char *const[]){"hel", "lo\nwor", "ld\n", NULL});
    assert_log("6 'hello\n'", "6 'world\n'", "0");
}

static void
test_stream_readline_long_line_comes_in_pieces(void **state)
{
    (void)state;
    read_lines(5, (const char *const[]){"abcdefghij\nxy\n", NULL});
    assert_log("4 'abcd'", "4 'efgh'", "3 'ij\n'", "3 'xy\n'", "0");
}

static void
test_stream_readline_eof_without_newline_returns_rest(void **state)
{
    (void)state;
    read_lines(64, (const char *const[]){"one\nlast", NULL});
    assert_log("4 'one\n'", "4 'last'", "0");
}

static async_value
main_read_after_readline(void *arg)
{
    (void)arg;
    int sv[2];
    char buf[16] = {0};

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    if (write(sv[1], "a\nbcd", 5) != 5)
        return ASYNC_NONE; /* the test then fails on the line read */
    async_stream *s = async_stream_new(sv[0]);
    async_stream_readline(s, buf, sizeof buf);
    log_event("line '%s'", buf);
    memset(buf, 0, sizeof buf);
    ssize_t n = async_stream_read(s, buf, sizeof buf);
    log_event("read %zd '%s'", n, buf);
    close(sv[1]);
    log_event("then %zd", async_stream_read(s, buf, sizeof buf));
    async_stream_close(s);
    return ASYNC_NONE;
}

static void
test_stream_read_returns_read_ahead_bytes_first(void **state)
{
    (void)state;
    async_run(main_read_after_readline, NULL);
    assert_log("line 'a\n'", "read 3 'bcd'", "then 0");
}

/* ---- The echo server under load -------------------------------------------- */

#define MSGS 10
static int n_clients;
static long load_ok, load_bad, connected;
static async_event *all_connected;

/* Every client connects, waits until all have (so that they are all
 * connected at once), then sends its tagged lines one at a time and
 * checks each echo is its own line, in order. */
static async_value
load_client(void *arg)
{
    char want[64], got[64];
    async_stream *s = async_open_connection("127.0.0.1", port);

    if (s == NULL) {
        load_bad += MSGS;
        return ASYNC_NONE;
    }
    if (++connected == n_clients)
        async_event_set(all_connected);
    async_event_wait(all_connected);
    for (int seq = 0; seq < MSGS; seq++) {
        int n = snprintf(want, sizeof want, "client %ld message %d\n",
                         INT(arg), seq);
        async_stream_write(s, want, (size_t)n);
        async_stream_readline(s, got, sizeof got);
        if (strcmp(got, want) == 0)
            load_ok++;
        else
            load_bad++;
    }
    async_stream_close(s);
    return ASYNC_NONE;
}

static async_value
main_load(void *arg)
{
    (void)arg;
    async_server *srv = async_start_server(echo, NULL, "127.0.0.1", 0);
    port = async_server_port(srv);
    all_connected = async_event_new();
    async_task **t = malloc(sizeof *t * (size_t)n_clients);
    for (long i = 0; i < n_clients; i++)
        t[i] = async_create_task_named(load_client, ARG(i), "load");
    async_gather(t, (size_t)n_clients, NULL);
    free(t);
    async_server_close(srv);
    return ASYNC_NONE;
}

static void
test_start_server_echoes_1000_clients_at_once_in_order(void **state)
{
    (void)state;
    struct rlimit rl;
    /* valgrind runs it at a tenth of the size: same code, fewer laps */
    n_clients = RUNNING_ON_VALGRIND ? 100 : 1000;
    rlim_t need = 2 * (rlim_t)n_clients + 64; /* both ends are ours */

    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
        print_message("skipped: %d clients need %lu descriptors, and the "
                      "hard limit (ulimit -Hn) is %lu\n", n_clients,
                      (unsigned long)need, (unsigned long)rl.rlim_max);
        skip();
    }
    if (rl.rlim_cur < need) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY ? need : rl.rlim_max;
        assert_int_equal(setrlimit(RLIMIT_NOFILE, &rl), 0);
    }
    load_ok = load_bad = connected = 0;
    async_run(main_load, NULL);
    assert_int_equal(connected, n_clients);
    assert_int_equal(load_bad, 0);
    assert_int_equal(load_ok, (long)n_clients * MSGS);
}

/* ---- Faulty peers ---------------------------------------------------------- */

static async_value
main_disconnects(void *arg)
{
    (void)arg;
    char buf[64];
    async_server *srv = async_start_server(echo, ARG(1), "127.0.0.1", 0);
    port = async_server_port(srv);

    /* a line cut short by a clean close */
    async_stream *a = async_open_connection("127.0.0.1", port);
    async_stream_write(a, "partial", 7);
    async_stream_close(a);
    async_sleep(0.1);
    /* a line cut short by a reset (SO_LINGER 0: close sends RST) */
    async_stream *b = async_open_connection("127.0.0.1", port);
    async_stream_write(b, "half", 4);
    async_sleep(0.1);
    struct linger lin = {.l_onoff = 1, .l_linger = 0};
    setsockopt(async_stream_fd(b), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
    async_stream_close(b);
    async_sleep(0.1);
    /* the server still serves */
    async_stream *c = async_open_connection("127.0.0.1", port);
    async_stream_write(c, "hello\n", 6);
    async_stream_readline(c, buf, sizeof buf);
    log_event("c got %s", buf);
    /* closed, it accepts no one, but c carries on */
    async_server_close(srv);
    log_event("closed: connect %s",
              async_tcp_connect("127.0.0.1", port) < 0 &&
                      errno == ECONNREFUSED ? "ECONNREFUSED" : "?");
    async_stream_write(c, "still here\n", 11);
    async_stream_readline(c, buf, sizeof buf);
    log_event("c got %s", buf);
    async_stream_close(c);
    async_sleep(0.1);
    return ASYNC_NONE;
}

static void
test_start_server_peer_gone_mid_line_ends_only_its_client(void **state)
{
    (void)state;
    async_run(main_disconnects, NULL);
    assert_log("partial 'partial'", "end eof", "end ECONNRESET",
               "c got hello\n", "closed: connect ECONNREFUSED",
               "c got still here\n", "end eof");
}

/* ---- A client function that closes its stream -----------------------------
 * What every asyncio handler ends with: writer.close(). The server closes
 * the stream again when the function returns, and that must be harmless
 * (it was a double free). The child's exit status says it was.
 */
static void
say_bye_and_close(async_stream *s, void *arg)
{
    (void)arg;
    async_stream_write(s, "bye\n", 4);
    async_stream_close(s);
    async_stream_close(s); /* twice, as asyncio allows */
}

static async_value
main_handler_closes(void *arg)
{
    (void)arg;
    char buf[64];
    async_server *srv = async_start_server(say_bye_and_close, NULL,
                                           "127.0.0.1", 0);
    for (int i = 0; i < 3; i++) {
        async_stream *c = async_open_connection("127.0.0.1",
                                                async_server_port(srv));
        ssize_t n = async_stream_readline(c, buf, sizeof buf);
        ssize_t end = async_stream_readline(c, buf + n, sizeof buf - n);
        printf("got %s then %zd\n", buf, end);
        async_stream_close(c);
    }
    async_sleep(0.1); /* the client tasks end and free their streams */
    async_server_close(srv);
    return ASYNC_NONE;
}

static void
child_handler_closes(void *arg)
{
    (void)arg;
    async_run(main_handler_closes, NULL);
    fflush(stdout);
}

static void
test_start_server_handler_closing_its_stream_is_harmless(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_handler_closes, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "got bye\n then 0\ngot bye\n then 0\n"
                               "got bye\n then 0\n");
    assert_string_equal(r.err, "");
    child_result_free(&r);
}

static double slow_done, fast_done[20];
static int fast_ok, slow_ok;

static async_value
slow_client(void *arg)
{
    (void)arg;
    const char *line = "slow line\n";
    char got[64];
    async_stream *s = async_open_connection("127.0.0.1", port);

    for (const char *p = line; *p; p++) {
        async_stream_write(s, p, 1);
        async_sleep(1);
    }
    async_stream_readline(s, got, sizeof got);
    slow_ok = strcmp(got, line) == 0;
    slow_done = async_time();
    async_stream_close(s);
    return ASYNC_NONE;
}

static async_value
fast_client(void *arg)
{
    char got[64];
    async_stream *s = async_open_connection("127.0.0.1", port);

    for (int i = 0; i < 3; i++) {
        async_stream_write(s, "quick\n", 6);
        async_stream_readline(s, got, sizeof got);
        fast_ok += strcmp(got, "quick\n") == 0;
    }
    fast_done[INT(arg)] = async_time();
    async_stream_close(s);
    return ASYNC_NONE;
}

static async_value
main_slow(void *arg)
{
    async_server *srv = async_start_server(echo, NULL, "127.0.0.1", 0);
    async_task *t[21];

    port = async_server_port(srv);
    *(double *)arg = async_time();
    t[20] = async_create_task(slow_client, NULL);
    async_sleep(0.01); /* the slow one is connected and trickling first */
    for (long i = 0; i < 20; i++)
        t[i] = async_create_task(fast_client, ARG(i));
    async_gather(t, 21, NULL);
    async_server_close(srv);
    return ASYNC_NONE;
}

static void
test_start_server_slow_client_does_not_delay_others(void **state)
{
    (void)state;
    double t0;
    fast_ok = slow_ok = 0;
    async_run(main_slow, &t0);
    assert_int_equal(fast_ok, 60);
    assert_true(slow_ok);
    for (int i = 0; i < 20; i++)
        assert_true(fast_done[i] - t0 < 0.1); /* served at once */
    assert_true(slow_done - t0 >= 10); /* 10 bytes, a second apart */
}

/* A client that sends 1 MiB before it reads a byte of the echo: the
 * server's writes find the client's small receive buffer full (EAGAIN),
 * wait, and lose nothing. A ticker counts loop iterations, so the server
 * can tell that a write had to wait. */
#define BIG (1 << 20)
static long ticks, writes_waited, big_ok;

static async_value
ticker(void *arg)
{
    (void)arg;
    for (;;) {
        ticks++;
        async_sleep(0);
    }
    return ASYNC_NONE;
}

static void
echo_bytes(async_stream *s, void *arg)
{
    (void)arg;
    static char buf[65536];
    int small = 65536; /* with the client's, the writes fill up early */
    ssize_t n;

    setsockopt(async_stream_fd(s), SOL_SOCKET, SO_SNDBUF, &small, sizeof small);

    while ((n = async_stream_read(s, buf, sizeof buf)) > 0) {
        long before = ticks;
        if (async_stream_write(s, buf, (size_t)n) < 0)
            return;
        writes_waited += ticks != before;
    }
}

static async_value
main_big(void *arg)
{
    (void)arg;
    async_server *srv = async_start_server(echo_bytes, NULL, "127.0.0.1", 0);
    async_task *tick = async_create_task(ticker, NULL);
    int fd = async_tcp_connect("127.0.0.1", async_server_port(srv));
    int small = 65536;
    unsigned char *out = malloc(BIG), *in = malloc(BIG);
    size_t got = 0;

    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    for (size_t i = 0; i < BIG; i++)
        out[i] = (unsigned char)(i * 7 % 251);
    async_write(fd, out, BIG);
    shutdown(fd, SHUT_WR);
    for (ssize_t n; (n = async_read(fd, in + got, BIG - got)) > 0;)
        got += (size_t)n;
    big_ok = got == BIG && memcmp(in, out, BIG) == 0;
    free(out);
    free(in);
    close(fd);
    async_cancel(tick);
    async_server_close(srv);
    return ASYNC_NONE;
}

static void
test_start_server_write_waits_on_eagain_and_loses_nothing(void **state)
{
    (void)state;
    writes_waited = big_ok = 0;
    async_run(main_big, NULL);
    assert_true(big_ok);
    assert_true(writes_waited > 0);
}

/* Signals without SA_RESTART interrupt the loop's wait in epoll_wait or
 * poll (EINTR) every millisecond while a client in another thread sends
 * a line every 10 ms of real time. */
static volatile sig_atomic_t alarms;
static int thread_ok;
static async_event *client_left;

static void
on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void *
blocking_client(void *arg)
{
    (void)arg;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    struct timespec ten_ms = {0, 10000000};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    char want[32], got[32];

    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
        return NULL;
    for (int i = 0; i < 10; i++) {
        clock_nanosleep(CLOCK_MONOTONIC, 0, &ten_ms, NULL);
        int n = snprintf(want, sizeof want, "line %d\n", i), k = 0;
        if (write(fd, want, (size_t)n) != n)
            break;
        while (k < n && read(fd, got + k, 1) == 1)
            k++;
        thread_ok += k == n && memcmp(got, want, (size_t)n) == 0;
    }
    close(fd);
    return NULL;
}

static void
echo_then_say(async_stream *s, void *arg)
{
    echo(s, arg);
    async_event_set(client_left);
}

static async_value
main_eintr(void *arg)
{
    (void)arg;
    async_server *srv = async_start_server(echo_then_say, NULL,
                                           "127.0.0.1", 0);
    port = async_server_port(srv);
    client_left = async_event_new();
    pthread_t th;
    sigset_t alrm, old;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &alrm, &old); /* the thread inherits it */
    pthread_create(&th, NULL, blocking_client, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    async_event_wait(client_left);
    pthread_join(th, NULL);
    async_server_close(srv);
    return ASYNC_NONE;
}

static void
test_start_server_survives_eintr_in_its_waits(void **state)
{
    (void)state;
    struct sigaction sa = {.sa_handler = on_alarm}; /* no SA_RESTART */
    struct itimerval every_ms = {{0, 1000}, {0, 1000}}, off = {{0, 0}, {0, 0}};

    alarms = thread_ok = 0;
    sigaction(SIGALRM, &sa, NULL);
    setitimer(ITIMER_REAL, &every_ms, NULL);
    async_run(main_eintr, NULL);
    setitimer(ITIMER_REAL, &off, NULL); /* the handler stays: a signal
                                           still pending must not kill */
    assert_int_equal(thread_ok, 10);
    assert_true(alarms > 10);
}

/* Out of descriptors. The client sockets are made first, at high numbers;
 * then the limit is lowered so that the server can accept two clients.
 * The third waits (and the server says so once) while the two are still
 * served; once one leaves, the third is accepted. */
static int
connect_fd(int fd)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    int err = 0;
    socklen_t len = sizeof err;

    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        async_wait_writable(fd);
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    }
    return err;
}

static void
say(async_stream *s, int i, const char *what)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%s %d\n", what, i);
    async_stream_write(s, line, (size_t)n);
    async_stream_readline(s, line, sizeof line);
    printf("c%d got %s", i, line);
}

static async_value
main_fds(void *arg)
{
    (void)arg;
    async_server *srv = async_start_server(echo, NULL, "127.0.0.1", 0);
    async_stream *c[3];
    int fd[3];
    char byte;

    port = async_server_port(srv);
    async_sleep(0); /* the server waits: the backend is set up */
    for (int i = 0; i < 3; i++) {
        int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        fd[i] = fcntl(s, F_DUPFD_CLOEXEC, 900);
        close(s);
    }
    int lowest = socket(AF_INET, SOCK_STREAM, 0);
    close(lowest);
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = (rlim_t)lowest + 2; /* room for two clients */
    setrlimit(RLIMIT_NOFILE, &rl);
    for (int i = 0; i < 3; i++) {
        if (connect_fd(fd[i]) != 0)
            printf("c%d: connect failed\n", i);
        c[i] = async_stream_new(fd[i]);
    }
    say(c[0], 0, "hello");
    say(c[1], 1, "hello");
    async_stream_write(c[2], "hello 2\n", 8);
    async_sleep(0.5);
    printf("c2 %s\n", recv(fd[2], &byte, 1, MSG_PEEK | MSG_DONTWAIT) < 0 &&
                               errno == EAGAIN ? "waits" : "was answered");
    say(c[0], 0, "again");
    say(c[1], 1, "again");
    async_stream_close(c[0]);
    async_stream_readline(c[2], (char[64]){0}, 64);
    printf("c2 got its echo\n");
    say(c[1], 1, "still");
    async_server_close(srv);
    return ASYNC_NONE;
}

static void
child_fds(void *arg)
{
    (void)arg;
    async_run(main_fds, NULL);
    fflush(stdout);
}

static void
test_start_server_out_of_fds_says_so_and_serves_on(void **state)
{
    (void)state;
    struct child_result r;

    if (RUNNING_ON_VALGRIND) { /* it keeps its own descriptor limit */
        print_message("skipped under valgrind: it emulates RLIMIT_NOFILE, "
                      "so accept never fails with EMFILE\n");
        skip();
    }
    run_in_child(child_fds, NULL, &r);
    assert_true(r.exited && r.status == 0);
    assert_string_equal(r.out, "c0 got hello 0\nc1 got hello 1\nc2 waits\n"
                               "c0 got again 0\nc1 got again 1\n"
                               "c2 got its echo\nc1 got still 1\n");
    assert_contains(r.err, "out of file descriptors with 2 clients "
                           "connected");
    assert_contains(r.err, "ulimit -n");
    const char *first = strstr(r.err, "out of file descriptors");
    assert_null(strstr(first + 1, "out of file descriptors")); /* once */
    child_result_free(&r);
}

/* ---- Loop close ------------------------------------------------------------ */

static int leftover[2], leftover_port;

static void
echo_noting_fd(async_stream *s, void *arg)
{
    leftover[1] = async_stream_fd(s);
    echo(s, arg);
}

static async_value
main_leave_open(void *arg)
{
    (void)arg;
    async_server *srv = async_start_server(echo_noting_fd, NULL,
                                           "127.0.0.1", 0);
    leftover_port = async_server_port(srv);
    async_stream *s = async_open_connection("127.0.0.1", leftover_port);
    char line[16];

    async_stream_write(s, "hi\n", 3);
    async_stream_readline(s, line, sizeof line); /* its client task waits */
    leftover[0] = async_stream_fd(s);
    return ASYNC_NONE;
}

static void
test_loop_close_closes_streams_and_servers_left_open(void **state)
{
    (void)state;
    struct sockaddr_in a = {.sin_family = AF_INET};

    async_run(main_leave_open, NULL);
    for (int i = 0; i < 2; i++) {
        errno = 0;
        assert_int_equal(fcntl(leftover[i], F_GETFD), -1);
        assert_int_equal(errno, EBADF);
    }
    a.sin_port = htons(leftover_port); /* the listener is closed too */
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), -1);
    assert_int_equal(errno, ECONNREFUSED);
    close(fd);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_tcp_listen_port_zero_connect_exchanges),
        TEST(test_tcp_connect_closed_port_fails_econnrefused),
        TEST(test_stream_readline_joins_lines_split_across_writes),
        TEST(test_stream_readline_long_line_comes_in_pieces),
        TEST(test_stream_readline_eof_without_newline_returns_rest),
        TEST(test_stream_read_returns_read_ahead_bytes_first),
        TEST(test_start_server_echoes_1000_clients_at_once_in_order),
        TEST(test_start_server_peer_gone_mid_line_ends_only_its_client),
        TEST(test_start_server_handler_closing_its_stream_is_harmless),
        TEST(test_start_server_slow_client_does_not_delay_others),
        TEST(test_start_server_write_waits_on_eagain_and_loses_nothing),
        TEST(test_start_server_survives_eintr_in_its_waits),
        TEST(test_start_server_out_of_fds_says_so_and_serves_on),
        TEST(test_loop_close_closes_streams_and_servers_left_open),
    };
    return cmocka_run_group_tests_name("test_stream", tests, vclock_setup,
                                       vclock_teardown);
}
