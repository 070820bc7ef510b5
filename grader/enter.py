"""Run as root inside the namespaces `unshare` made (the fallback when
bubblewrap cannot start): bring the private loopback up, become the
run's own user, and exec the command.

    python3 -I -S grader/enter.py UID COMMAND [ARG...]
"""
import fcntl
import os
import socket
import struct
import sys

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        got = fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack("16sH", b"lo", 0))
        flags = struct.unpack("16sH", got[:18])[1]
        fcntl.ioctl(s, SIOCSIFFLAGS,
                    struct.pack("16sH", b"lo", flags | IFF_UP))


def main() -> None:
    uid = int(sys.argv[1])
    loopback_up()
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    os.execv(sys.argv[2], sys.argv[2:])


if __name__ == "__main__":
    main()
