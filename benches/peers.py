#!/usr/bin/env python3
"""kgx beside Python's csv/json + networkx, igraph and rustworkx, on the same files.

Two workloads, each run as fresh processes so that every peak memory is its own:

- a CSV pair shaped like a real film graph (an actors file `id,name,kind` and an
  edge list `from,to,kind,date`; 80,000 actors and 250,000 relations by default),
  opened by `kgx validate --actors A R` and by Python's `csv` + each library;
  `kgx export --format json` of the pair is timed too;
- kgx's JSON export of a generated graph (100,000 actors, 1,000,000 relations by
  default), opened by `kgx validate` and by `json.load` + each library.

The Python libraries are installed into a virtual environment this script makes
(`target/peers-venv`); a library that cannot be installed is skipped with a
message, and so is the whole Python side when no venv can be made.

    cargo build --release
    python3 benches/peers.py [--actors 80000 --relations 250000] [--big 1000000] [--kgx target/release/kgx]
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time

LIBRARIES = ("networkx", "igraph", "rustworkx")

BUILD = {
    "networkx": "import networkx as nx\ng = nx.MultiDiGraph()\n"
                "g.add_nodes_from(nodes)\ng.add_edges_from((a, b, d) for a, b, d in edges)\n"
                "n = (g.number_of_nodes(), g.number_of_edges())",
    "igraph": "import igraph as ig\nindex = {node: i for i, (node, _) in enumerate(nodes)}\n"
              "g = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b, _ in edges], directed=True)\n"
              "g.vs['name'] = [node for node, _ in nodes]\n"
              "for key in ('kind', 'date'):\n    g.es[key] = [d.get(key) for _, _, d in edges]\n"
              "n = (g.vcount(), g.ecount())",
    "rustworkx": "import rustworkx as rx\ng = rx.PyDiGraph(multigraph=True)\n"
                 "index = dict(zip((node for node, _ in nodes), g.add_nodes_from([d for _, d in nodes])))\n"
                 "g.add_edges_from([(index[a], index[b], d) for a, b, d in edges])\n"
                 "n = (g.num_nodes(), g.num_edges())",
}

READ_CSV = """
import csv
with open(actors_path, newline='', encoding='utf-8') as f:
    nodes = [(row['id'], row) for row in csv.DictReader(f)]
with open(relations_path, newline='', encoding='utf-8') as f:
    edges = [(row['from'], row['to'], row) for row in csv.DictReader(f)]
"""

READ_JSON = """
import json
with open(json_path, encoding='utf-8') as f:
    data = json.load(f)
nodes = [(actor['id'], actor) for actor in data['actors']]
edges = [(r['from'], r['to'], r) for r in data['relations']]
"""

TIMED = """
import resource, sys, time
actors_path, relations_path, json_path = sys.argv[1:4]
start = time.perf_counter()
{read}
{build}
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, *n)
"""


def timed_process(command):
    """Runs a command, returning (seconds, peak bytes of that process)."""
    probe = ("import resource, subprocess, sys, time\nstart = time.perf_counter()\n"
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
             "print(time.perf_counter() - start, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)")
    out = subprocess.run([sys.executable, "-c", probe, *command], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def venv_python(folder):
    """A Python with as many of the libraries as install, and the names that did."""
    python = os.path.join(folder, "bin", "python")
    if not os.path.exists(python):
        made = subprocess.run([sys.executable, "-m", "venv", folder], capture_output=True, text=True)
        if made.returncode != 0:
            print(f"skipping the Python side: cannot make a venv ({made.stderr.strip()[:200]})")
            return None, []
    installed = []
    for library in LIBRARIES:
        module = "igraph" if library == "igraph" else library
        if subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0:
            installed.append(library)
            continue
        package = "igraph" if library == "igraph" else library
        got = subprocess.run([python, "-m", "pip", "install", "--quiet", package],
                             capture_output=True, text=True)
        if got.returncode == 0:
            installed.append(library)
        else:
            print(f"skipping {library}: it does not install here ({got.stderr.strip()[-200:]})")
    return python, installed


def film_pair(kgx, folder, actors, relations):
    """The generator's CSV pair cut down to the film graph's columns."""
    full = os.path.join(folder, "full.csv")
    subprocess.run([kgx, "gen", "--actors", str(actors), "--relations", str(relations),
                    "--format", "csv", "--output", full], check=True, stdout=subprocess.DEVNULL)
    actors_path = os.path.join(folder, "film.actors.csv")
    relations_path = os.path.join(folder, "film.csv")
    for source, target, columns in ((os.path.join(folder, "full.actors.csv"), actors_path, None),
                                    (full, relations_path, ("from", "to", "kind", "date"))):
        with open(source, newline="", encoding="utf-8") as f, \
                open(target, "w", newline="", encoding="utf-8") as g:
            reader = csv.DictReader(f)
            keep = columns or ("id", "name", "kind")
            writer = csv.writer(g)
            writer.writerow(keep)
            for row in reader:
                writer.writerow([row[key] for key in keep])
    return actors_path, relations_path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=80_000)
    parser.add_argument("--relations", type=int, default=250_000)
    parser.add_argument("--big", type=int, default=1_000_000,
                        help="relations of the JSON workload (0 leaves it out)")
    parser.add_argument("--kgx", default="target/release/kgx")
    parser.add_argument("--venv", default="target/peers-venv")
    args = parser.parse_args()
    python, libraries = venv_python(os.path.abspath(args.venv))
    mb = 1e6
    with tempfile.TemporaryDirectory(prefix="kgx-peers-") as folder:
        actors_path, relations_path = film_pair(args.kgx, folder, args.actors, args.relations)
        size = (os.path.getsize(actors_path) + os.path.getsize(relations_path)) / mb
        print(f"CSV pair: {args.actors} actors, {args.relations} relations, {size:.1f} MB")
        kgx_open = timed_process([args.kgx, "validate", "--actors", actors_path, relations_path])
        print(f"  kgx validate --actors A R      {kgx_open[0]:6.2f} s  {kgx_open[1] / mb:6.0f} MB")
        export = timed_process([args.kgx, "export", "--format", "json", "--actors", actors_path,
                                relations_path])
        print(f"  kgx export --format json       {export[0]:6.2f} s  {export[1] / mb:6.0f} MB")
        runs = [("csv", READ_CSV, kgx_open)]
        json_path = os.path.join(folder, "big.json")
        if args.big:
            subprocess.run([args.kgx, "gen", "--actors", str(max(1, args.big // 10)), "--relations",
                            str(args.big), "--format", "json", "--output", json_path],
                           check=True, stdout=subprocess.DEVNULL)
            big_open = timed_process([args.kgx, "validate", json_path])
            print(f"JSON: {args.big} relations, {os.path.getsize(json_path) / mb:.0f} MB")
            print(f"  kgx validate                   {big_open[0]:6.2f} s  {big_open[1] / mb:6.0f} MB")
            runs.append(("json", READ_JSON, big_open))
        if python is None:
            return
        for form, read, (kgx_seconds, kgx_peak) in runs:
            print(f"Python on the {form} workload (ratio: Python time / kgx time):")
            for library in libraries:
                script = TIMED.format(read=read, build=BUILD[library])
                done = subprocess.run([python, "-c", script, actors_path, relations_path, json_path],
                                      capture_output=True, text=True)
                if done.returncode != 0:
                    print(f"  {library}: failed ({done.stderr.strip()[-200:]})")
                    continue
                seconds, peak = float(done.stdout.split()[0]), int(done.stdout.split()[1])
                print(f"  {form} + {library:<24} {seconds:6.2f} s  {peak / mb:6.0f} MB  "
                      f"{seconds / kgx_seconds:5.2f}x the time, {peak / kgx_peak:5.2f}x the memory")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"({time.perf_counter() - start:.0f} s in all)")
