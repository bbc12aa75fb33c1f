#!/usr/bin/env python3
"""kgx beside Python's json + networkx, opening the same generated graph.

kgx reads the RON file, parses, checks and builds its graph (`kgx validate`,
timed as a whole process); Python loads the same graph's JSON export with
`json.load` and builds a networkx MultiDiGraph with every attribute. Each side
is run in a fresh process so peak memory is its own.

    pip install networkx            # only for this script; CI does not need it
    cargo build --release
    python3 benches/networkx.py [--relations 1000000] [--kgx target/release/kgx]
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

PYTHON_SIDE = r"""
import json, resource, sys, time
import networkx as nx
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
parsed = time.perf_counter()
graph = nx.MultiDiGraph()
for actor in data["actors"]:
    graph.add_node(actor["id"], **{k: v for k, v in actor.items() if k != "id"})
for relation in data["relations"]:
    graph.add_edge(relation["from"], relation["to"], **relation)
built = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(parsed - start, built - parsed, peak, graph.number_of_nodes(), graph.number_of_edges())
"""

KGX_SIDE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.argv[1], "validate", sys.argv[2]], check=True, stdout=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--kgx", default="target/release/kgx")
    args = parser.parse_args()
    actors = max(1, args.relations // 10)
    with tempfile.TemporaryDirectory(prefix="kgx-networkx-") as folder:
        ron = os.path.join(folder, "graph.ron")
        js = os.path.join(folder, "graph.json")
        for path, form in ((ron, "ron"), (js, "json")):
            subprocess.run(
                [args.kgx, "gen", "--actors", str(actors), "--relations", str(args.relations),
                 "--format", form, "--output", path],
                check=True,
            )
        kgx_seconds, kgx_peak = (float(x) for x in subprocess.run(
            [sys.executable, "-c", KGX_SIDE, args.kgx, ron], check=True, capture_output=True,
            text=True).stdout.split())
        output = subprocess.run(
            [sys.executable, "-c", PYTHON_SIDE, js], check=True, capture_output=True, text=True
        ).stdout.split()
        json_seconds, build_seconds, python_peak = float(output[0]), float(output[1]), int(output[2])
        python_seconds = json_seconds + build_seconds
        mb = 1e6
        print(f"graph: {actors} actors, {args.relations} relations; "
              f"RON {os.path.getsize(ron) / mb:.0f} MB, JSON {os.path.getsize(js) / mb:.0f} MB")
        print(f"kgx validate (read + parse + check + build, whole process): {kgx_seconds:.2f} s, "
              f"peak {kgx_peak / mb:.0f} MB")
        print(f"python json.load + networkx MultiDiGraph: {json_seconds:.2f} s + {build_seconds:.2f} s "
              f"= {python_seconds:.2f} s, peak {python_peak / mb:.0f} MB")
        print(f"kgx is {python_seconds / kgx_seconds:.1f}x faster")


if __name__ == "__main__":
    main()
