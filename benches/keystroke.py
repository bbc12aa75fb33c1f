#!/usr/bin/env python3
"""Time from a filter keystroke to the settled screen, typing into the real explorer.

    cargo build --release
    target/release/kgx gen --actors 100000 --relations 1000000 -o big.ron
    python3 benches/keystroke.py big.ron [--word anda] [--runs 5] [--kgx target/release/kgx]

kgx runs in a pseudo-terminal of 120x35. Once its actor list is on screen, the
script presses `/` and then types WORD one letter at a time. For each letter the
clock starts just before the key is written and stops at the last byte kgx
writes in answer: the screen has settled when nothing more arrives for QUIET
seconds and kgx used no processor time meanwhile (kgx redraws when the
background match comes back, so that redraw is counted however late it comes).
Typing starts once kgx is idle, after the lint it runs on opening. Each run is
a fresh process; the figure per letter is the median over runs. Standard
library only.
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
QUIET = 0.25


def cpu_ticks(pid):
    """The processor time `pid` has used, in clock ticks (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def drain(controller, until_quiet, pid=None):
    """Reads until nothing arrives for `until_quiet` seconds (and, given
    `pid`, that process used no processor time meanwhile); returns the text
    and the time the last byte came."""
    seen = b""
    last = time.perf_counter()
    ticks = cpu_ticks(pid) if pid else 0
    while True:
        ready, _, _ = select.select([controller], [], [], until_quiet)
        if not ready:
            if pid is None:
                return seen, last
            now = cpu_ticks(pid)
            if now == ticks:
                return seen, last
            ticks = now
            continue
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            # The child closed the terminal: it has quit.
            return seen, last
        if not chunk:
            return seen, last
        if b"\x1b[6n" in chunk:
            os.write(controller, b"\x1b[1;1R")
        seen += chunk
        last = time.perf_counter()


def one_run(kgx, file, word):
    controller, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
    child = subprocess.Popen([kgx, file], stdin=terminal, stdout=terminal, stderr=terminal,
                             env=dict(os.environ, TERM="xterm-256color"), start_new_session=True)
    os.close(terminal)
    seen = b""
    start = time.perf_counter()
    while b"Actors" not in ESCAPES.sub(b"", seen):
        if time.perf_counter() - start > 300:
            raise SystemExit("the explorer never showed its actor list")
        chunk, _ = drain(controller, 0.5)
        seen += chunk
    drain(controller, QUIET, child.pid)
    os.write(controller, b"/")
    drain(controller, QUIET, child.pid)
    times = []
    for letter in word:
        pressed = time.perf_counter()
        os.write(controller, letter.encode())
        _, last = drain(controller, QUIET, child.pid)
        times.append(max(0.0, last - pressed))
    # Esc leaves the filter; alone, so that it is not read as Alt-q.
    os.write(controller, b"\x1b")
    drain(controller, QUIET)
    os.write(controller, b"q")
    drain(controller, 0.2)
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    os.close(controller)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--word", default="anda")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kgx", default="target/release/kgx")
    args = parser.parse_args()
    runs = [one_run(args.kgx, args.file, args.word) for _ in range(args.runs)]
    for index, letter in enumerate(args.word):
        figures = [run[index] * 1000 for run in runs]
        print(f"letter {index + 1} ({letter!r}): screen settled after {statistics.median(figures):.1f} ms "
              f"(median of {len(figures)}; min {min(figures):.1f}, max {max(figures):.1f})")


if __name__ == "__main__":
    main()
