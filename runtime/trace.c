// SPDX-License-Identifier: MIT
/* trace.c: ASYNC_TRACE=FILE writes one JSON object per line for every
 * task event, so tools (the grader, the timeline) can see what the loop
 * did and when. The schema is in TRACE.md beside this file. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "internal.h"

static double
trace_now(void)
{
    return clock_is_virtual() ? clock_now()
                              : clock_real() - config.trace_origin;
}

/* put_string: ,"key":"s", s escaped for JSON. */
static void
put_string(const char *key, const char *s)
{
    fprintf(config.trace, ",\"%s\":\"", key);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(config.trace, "\\%c", c);
        else if (c < 0x20)
            fprintf(config.trace, "\\u%04x", c);
        else
            fputc(c, config.trace);
    }
    fputc('"', config.trace);
}

/* begin: {"t": time, "ev": ev, "task": id, "name": name (unclosed) */
static void
begin(const char *ev, const async_task *t)
{
    fprintf(config.trace, "{\"t\":%.6f,\"ev\":\"%s\"", trace_now(), ev);
    if (t != NULL) {
        fprintf(config.trace, ",\"task\":%llu", (unsigned long long)t->id);
        put_string("name", t->name);
    }
}

/* trace_event: begin's fields, then fmt's if not NULL (from a comma on). */
void
trace_event(const char *ev, const async_task *t, const char *fmt, ...)
{
    va_list ap;
    begin(ev, t);
    if (fmt != NULL) {
        va_start(ap, fmt);
        vfprintf(config.trace, fmt, ap);
        va_end(ap);
    }
    fputs("}\n", config.trace);
}

/* trace_fault: a failure the runtime found, for tools: "kind", "message". */
void
trace_fault(const char *kind, const async_task *t, const char *message)
{
    if (config.trace == NULL)
        return;
    begin("fault", t);
    fprintf(config.trace, ",\"kind\":\"%s\"", kind);
    if (message != NULL)
        put_string("message", message);
    fputs("}\n", config.trace);
}

/* trace_overflow: the "stack_overflow" fault, in its signal handler: made
 * on the stack, in one write(2) (the line buffer is empty between events). */
void
trace_overflow(const char *task_name, size_t stack)
{
    char line[256], name[64];
    size_t i;
    if (config.trace == NULL)
        return;
    for (i = 0; task_name[i] != '\0' && i < sizeof name - 1; i++) {
        unsigned char c = (unsigned char)task_name[i];
        name[i] = c < 0x20 || c == '"' || c == '\\' ? '?' : (char)c;
    }
    name[i] = '\0';
    int n = snprintf(line, sizeof line, "{\"t\":%.6f,\"ev\":\"fault\","
                     "\"kind\":\"stack_overflow\",\"task_name\":\"%s\","
                     "\"stack\":%zu}\n", trace_now(), name, stack);
    if (n > 0 && (size_t)n < sizeof line) {
        ssize_t w = write(fileno(config.trace), line, (size_t)n);
        (void)w;
    }
}
