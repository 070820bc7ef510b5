#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's
# image (its "Ubuntu 22.04" base image; 24.04 works as well). It installs
# the compiler, make, Python 3.11 or newer (22.04's own python3 is 3.10, so
# its python3.11 package is added; older images get it from the deadsnakes
# archive) and bubblewrap (used only if it works in the container), then
# builds the runtime once, so no submission waits for it.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")"

apt-get update -qq
apt-get install -y -qq gcc make python3 bubblewrap ca-certificates >/dev/null

new_enough() {
    command -v "$1" >/dev/null &&
        "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))'
}
if ! new_enough python3 && ! new_enough python3.11; then
    if ! apt-get install -y -qq python3.11 >/dev/null 2>&1; then
        apt-get install -y -qq software-properties-common >/dev/null
        add-apt-repository -y ppa:deadsnakes/ppa
        apt-get update -qq
        apt-get install -y -qq python3.11 >/dev/null
    fi
fi

make -C asyncbook -s lib SAN=1
# The course (its hidden checks above all) is root's alone: a student's
# program, which runs as a user of its own, cannot read it even where
# bubblewrap cannot start (the grader copies the headers it compiles with).
chmod -R go-rwx .
