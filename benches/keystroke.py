#!/usr/bin/env python3
"""Time from a filter keystroke to the settled screen, typing into the real explorer.

    cargo build --release
    target/release/kgx gen --actors 100000 --relations 1000000 -o big.ron
    python3 benches/keystroke.py big.ron [--word anda] [--runs 5] [--kgx target/release/kgx]

kgx runs in a pseudo-terminal of 120x35. Once its actor list is on screen, the
script presses `/` and then types WORD one letter at a time. For each letter the
clock starts just before the key is written and stops at the last byte kgx
writes in answer: the screen has settled when nothing more arrives for QUIET
seconds (kgx redraws when the background match comes back, so that redraw is
counted). Each run is a fresh process; the figure per letter is the median over
runs. Standard library only.
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


def drain(controller, until_quiet):
    """Reads until nothing arrives for `until_quiet` seconds; returns the text
    and the time the last byte came."""
    seen = b""
    last = time.perf_counter()
    while True:
        ready, _, _ = select.select([controller], [], [], until_quiet)
        if not ready:
            return seen, last
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
    drain(controller, QUIET)
    os.write(controller, b"/")
    drain(controller, QUIET)
    times = []
    for letter in word:
        pressed = time.perf_counter()
        os.write(controller, letter.encode())
        _, last = drain(controller, QUIET)
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
