#!/usr/bin/env python3
"""Time from process start to the explorer's first frame, in a pseudo-terminal.

    cargo build --release
    python3 benches/first_frame.py [FILE] [--kgx target/release/kgx] [--runs 10]

Without FILE, kgx opens its embedded seed graph. The clock starts before the
process is spawned and stops when the actor list ("Actors") is on screen;
for a large file that is after the progress screen, so it measures the time
until the graph can be explored. Standard library only.
"""

import argparse
import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import termios
import time

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def first_frame(kgx, file):
    controller, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    command = [kgx] + ([file] if file else [])
    start = time.perf_counter()
    child = subprocess.Popen(command, stdin=terminal, stdout=terminal, stderr=terminal,
                             env=dict(os.environ, TERM="xterm-256color"), start_new_session=True)
    os.close(terminal)
    seen = b""
    elapsed = None
    while elapsed is None and time.perf_counter() - start < 120:
        ready, _, _ = select.select([controller], [], [], 0.5)
        if ready:
            chunk = os.read(controller, 65536)
            if b"\x1b[6n" in chunk:
                os.write(controller, b"\x1b[1;1R")
            seen += chunk
            if b"Actors" in ESCAPES.sub(b"", seen):
                elapsed = time.perf_counter() - start
    os.write(controller, b"q")
    while child.poll() is None:
        select.select([controller], [], [], 0.05)
        try:
            os.read(controller, 65536)
        except OSError:
            break
    child.wait()
    os.close(controller)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?")
    parser.add_argument("--kgx", default="target/release/kgx")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    times = [first_frame(args.kgx, args.file) for _ in range(args.runs)]
    shown = [t for t in times if t is not None]
    if not shown:
        raise SystemExit("the explorer never showed its actor list")
    print(f"{args.file or 'seed'}: first explorer frame after {statistics.median(shown) * 1000:.1f} ms "
          f"(median of {len(shown)}; min {min(shown) * 1000:.1f}, max {max(shown) * 1000:.1f})")


if __name__ == "__main__":
    main()
