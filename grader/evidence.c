// SPDX-License-Identifier: MIT
/*
 * evidence.c: linked into every program the grader builds, whose main()
 * it wraps (-Wl,--wrap=main: crt1's call to main() comes here first). As
 * main() begins, and only under the virtual clock, it forbids the system
 * calls that sleep for real: nanosleep, clock_nanosleep, pause, select,
 * pselect6, ppoll, poll or epoll_wait for a time, a futex wait with a
 * timeout, a wait for a signal, and the timers that would end a wait
 * (timerfd, alarm, setitimer, timer_create). The runtime never makes
 * them under the virtual clock (its wrappers of sleep, usleep and
 * nanosleep move the clock instead), so a
 * program that does has gone below the wrappers (__real_usleep, its own
 * __wrap_usleep, syscall()) to block where the clock cannot see it. The
 * kernel then kills it with SIGSYS: a verdict the program cannot forge
 * or undo (a seccomp filter stays for the life of the process and of its
 * children). What is left (a thread that computes while the loop waits
 * on a pipe for it) the grader finds by measuring the run's real time
 * from outside.
 */
#define _DEFAULT_SOURCE /* syscall */
#if defined(__linux__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#endif

#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define NR LOAD(offsetof(struct seccomp_data, nr))
#define LO(n) LOAD(offsetof(struct seccomp_data, args[n]))
#define HI(n) LOAD(offsetof(struct seccomp_data, args[n]) + 4)
#define IF_NOT(k, skip) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), 0, (skip))
#define ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define KILL BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS)
/* Each block below ends in a return or leaves the syscall number loaded. */
#define FORBID(nr) IF_NOT(nr, 1), KILL
/* Kill if argument n (64 bits) is not zero, else allow: 6 instructions. */
#define KILL_IF_SET(n) LO(n), IF_NOT(0, 3), HI(n), IF_NOT(0, 1), ALLOW, KILL
/* Syscall nr is killed if its argument n (a timeout pointer, or poll's
 * int) is not zero. */
#define FORBID_IF_SET(nr, n) IF_NOT(nr, 6), KILL_IF_SET(n)

/* Whether envp says ASYNC_CLOCK=virtual. No libc call: the sanitizers may
 * not be set up yet. */
static int
virtual_clock(char **envp)
{
    static const char want[] = "ASYNC_CLOCK=virtual";

    for (; envp != NULL && *envp != NULL; envp++) {
        size_t i = 0;
        while (want[i] != '\0' && (*envp)[i] == want[i])
            i++;
        if (want[i] == '\0' && (*envp)[i] == '\0')
            return 1;
    }
    return 0;
}

static void
forbid_sleeping(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv;
#ifdef ARCH
    if (!virtual_clock(envp))
        return;
    struct sock_filter f[] = {
        LOAD(offsetof(struct seccomp_data, arch)),
        IF_NOT(ARCH, 1 + 1), NR, BPF_JUMP(BPF_JMP | BPF_JA, 1, 0, 0), KILL,
        /* These sleep whatever their arguments: select and ppoll take
         * their timeout by pointer, which a filter cannot read. */
#ifdef __NR_nanosleep
        FORBID(__NR_nanosleep),
#endif
#ifdef __NR_pause
        FORBID(__NR_pause),
#endif
#ifdef __NR_select
        FORBID(__NR_select),
#endif
        FORBID(__NR_clock_nanosleep),
        FORBID(__NR_rt_sigsuspend),
        FORBID(__NR_rt_sigtimedwait),
        FORBID(__NR_pselect6),
        FORBID(__NR_ppoll),
#ifdef __NR_epoll_pwait2
        FORBID(__NR_epoll_pwait2),
#endif
        /* Timers that wake a wait that has no timeout of its own (a read
         * of a timerfd, a wait for SIGALRM): the runtime uses none. */
        FORBID(__NR_timerfd_create),
        FORBID(__NR_timer_create),
        FORBID(__NR_setitimer),
#ifdef __NR_alarm
        FORBID(__NR_alarm),
#endif
        /* epoll_wait(fd, events, n, ms): the runtime waits with 0 (a look)
         * or -1 (until another thread's or process's I/O) under the
         * virtual clock, never for a time. */
#ifdef __NR_epoll_wait
        IF_NOT(__NR_epoll_wait, 4), LO(3),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x80000000u, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0), KILL, NR,
#endif
        IF_NOT(__NR_epoll_pwait, 4), LO(3),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x80000000u, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0), KILL, NR,
        /* A wait with a timeout; without one, a wait ends only when
         * another thread or process acts. */
#ifdef __NR_poll
        FORBID_IF_SET(__NR_poll, 2),
#endif
        /* futex: FUTEX_WAIT and FUTEX_WAIT_BITSET take a timeout in arg 3
         * (pthread_cond_timedwait, sem_timedwait); other operations
         * wake, requeue or lock. */
        IF_NOT(__NR_futex, 10),
        LO(1),
        BPF_STMT(BPF_ALU | BPF_AND | BPF_K, FUTEX_CMD_MASK & 0x7f),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FUTEX_WAIT, 1, 0),
        IF_NOT(FUTEX_WAIT_BITSET, 6),
        KILL_IF_SET(3),
        ALLOW,
    };
    struct sock_fprog prog = {.len = sizeof f / sizeof f[0], .filter = f};

    if (syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) == 0)
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0L, &prog);
#else
    (void)envp;
#endif
}

#endif

/* The sanitizers' own thread (it watches the memory limit, and sleeps
 * between looks) started in their constructors, before main(): the
 * filter applies to the calling thread and those it starts later, so it
 * leaves that one alone. */
int __real_main(int argc, char **argv, char **envp);
int __wrap_main(int argc, char **argv, char **envp);

int
__wrap_main(int argc, char **argv, char **envp)
{
#if defined(__linux__)
    forbid_sleeping(argc, argv, envp);
#endif
    return __real_main(argc, argv, envp);
}
