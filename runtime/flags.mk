# runtime/flags.mk: every compile and link flag of the course, defined once.
# The Makefile includes this file and the grader (grader/build.py) reads it,
# so `make`, `make run`, the lessons' check and the grader build alike.
# Plain `NAME = words` lines only; $(NAME) may name an earlier line.

# The runtime itself (and its tests): warnings are errors.
# -gdwarf-4: clang's default DWARF 5 is more than valgrind 3.19 can read.
RUNTIME_CFLAGS = -pthread -std=c11 -Wall -Wextra -Werror -gdwarf-4 -O2 -D_POSIX_C_SOURCE=200809L
# AddressSanitizer + UndefinedBehaviorSanitizer (make SAN=1, and the grader).
# float-cast-overflow: gcc's "undefined" leaves out a double too big for
# its integer (clang's has it).
SANFLAGS = -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=undefined,float-cast-overflow
# A task's blocking libc sleep is caught at link time (runtime/blocking.c).
WRAP = -Wl,--wrap=sleep,--wrap=usleep,--wrap=nanosleep
LINK_LIBS = -lm -pthread

# Lesson examples: complete programs, held to the runtime's standard.
LESSON_CFLAGS = -std=c11 -Wall -Wextra -Werror -g -O2 -D_DEFAULT_SOURCE
# A student's exercise (make run, make timeline, the grader). Warnings are
# shown, and those that hide real bugs in this course are errors
# (grader/build.py says in a sentence what each one means).
STUDENT_ERRORS = -Werror=return-type -Werror=incompatible-pointer-types -Werror=int-conversion -Werror=implicit-function-declaration -Werror=uninitialized
STUDENT_CFLAGS = -std=c11 -Wall -Wextra -g -O1 -D_DEFAULT_SOURCE $(STUDENT_ERRORS)
# The grader builds a student's program with the sanitizers on, and wraps
# its main() (grader/evidence.c).
GRADE_CFLAGS = $(STUDENT_CFLAGS) $(SANFLAGS)
GRADE_LDFLAGS = -Wl,--wrap=main
