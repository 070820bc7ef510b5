/* SPDX-License-Identifier: MIT */
/*
 * switch_x86_64.S: the context switch for x86-64 (System V ABI), the one
 * piece of the runtime that C cannot express. Lesson 05 explains it.
 *
 *   void switch_context(struct context *old, struct context *new);
 *
 * Saves the caller's registers into *old, loads *new and continues where
 * *new last called switch_context (or at its entry point, for a fresh
 * context). Only the callee-saved registers (rbx, rbp, r12-r15), the stack
 * pointer and the return address need saving: the caller of any function
 * already assumes every other register is clobbered.
 *
 * Offsets match struct context in internal.h: sp 0, pc 8, gpr 16...
 *
 *   void context_init(struct context *c, void *lo, size_t size,
 *                     void (*entry)(void));
 *
 * Makes a fresh context whose first switch enters entry() at the top of
 * the stack [lo, lo + size), aligned as if entry had just been called.
 */
        .text
        .globl  asyncbook_switch_context
        .p2align 4
asyncbook_switch_context:
        /* 1. Save. The return address is on top of our stack; resuming
         * means jumping there with the stack as it was before the call. */
        movq    (%rsp), %rax
        leaq    8(%rsp), %rcx
        movq    %rcx, 0(%rdi)
        movq    %rax, 8(%rdi)
        movq    %rbx, 16(%rdi)
        movq    %rbp, 24(%rdi)
        movq    %r12, 32(%rdi)
        movq    %r13, 40(%rdi)
        movq    %r14, 48(%rdi)
        movq    %r15, 56(%rdi)

        /* 2. Switch stacks: from here on we run on new's stack. */
        movq    0(%rsi), %rsp

        /* 3. Restore new's registers and jump to where it stopped. */
        movq    16(%rsi), %rbx
        movq    24(%rsi), %rbp
        movq    32(%rsi), %r12
        movq    40(%rsi), %r13
        movq    48(%rsi), %r14
        movq    56(%rsi), %r15
        jmpq    *8(%rsi)

        .globl  asyncbook_context_init
        .p2align 4
asyncbook_context_init:
        leaq    (%rsi,%rdx), %rax       /* the top of the stack, */
        andq    $-16, %rax              /* 16-byte aligned, */
        subq    $8, %rax                /* less the return address a call pushes */
        movq    %rax, 0(%rdi)
        movq    %rcx, 8(%rdi)
        ret
