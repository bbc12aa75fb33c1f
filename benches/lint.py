#!/usr/bin/env python3
"""`kgx lint` on a generated graph: wall time and peak resident memory of the
real binary, beside `kgx validate` on the same file (the load alone).

Each command runs as a fresh process, several times, and the best run is
reported; the peak is the process's own (`ru_maxrss` of the child). The file
is made with `kgx gen` unless one is given; it is deleted afterwards only
when this script made it.

    cargo build --release
    python3 benches/lint.py [FILE] [--actors 100000 --relations 1000000] [--runs 3] [--kgx target/release/kgx]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time


def measure(command):
    """Seconds and peak bytes of one run of `command`, its output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    # `kgx lint` exits 1 when it finds anything: that is a result, not a failure.
    if code not in (0, 1):
        sys.exit(f"{' '.join(command)} exited with {code}")
    return seconds, usage.ru_maxrss * 1024


def best(command, runs):
    results = [measure(command) for _ in range(runs)]
    return min(s for s, _ in results), min(m for _, m in results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="a RON data file (default: generate one)")
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kgx", default="target/release/kgx")
    args = parser.parse_args()
    if not os.access(args.kgx, os.X_OK):
        sys.exit(f"no kgx binary at {args.kgx}: run `cargo build --release` first")

    made = None
    path = args.file
    if path is None:
        handle, made = tempfile.mkstemp(suffix=".ron")
        with os.fdopen(handle, "w") as out:
            subprocess.run(
                [args.kgx, "gen", "--seed", "1", "--actors", str(args.actors),
                 "--relations", str(args.relations)],
                stdout=out, check=True,
            )
        path = made
    try:
        size = os.path.getsize(path) / 1e6
        print(f"{path}: {size:.0f} MB, best of {args.runs} runs each")
        for name, command in [
            ("kgx validate", [args.kgx, "validate", path]),
            ("kgx lint", [args.kgx, "lint", path]),
            ("kgx lint --json", [args.kgx, "lint", "--json", path]),
        ]:
            seconds, peak = best(command, args.runs)
            print(f"{name:<16} {seconds:6.2f} s  {peak / 1e6:6.0f} MB peak")
    finally:
        if made:
            os.remove(made)


if __name__ == "__main__":
    main()
