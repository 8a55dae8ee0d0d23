#!/usr/bin/env python3
"""`ttlc build` against KCL, the generator the build target is measured by, in one run on one
machine. Usage: kcl-peer.py TTLC WORK ROUNDS N... (WORK holds spec-N/ from generate-spec.py and
kcl-N/main.k from generate-kcl.py; run by kcl-peer.sh, which sets both up).

First, for each size, the objects KCL renders must equal, parsed, the objects ttlc writes for the
services and their namespaces (the script stops if they differ). Then, alternating round by
round: ttlc end to end (a new process: the spec read and checked, every output file written to
tmpfs, exit) and KCL's `exec_program` in this process (parse, evaluate, YAML out; no process
start, no file written), the way KCL's published figure (500 resources in 16.5 ms) was taken.
The first KCL call of each size is its cold figure; the table's KCL columns are the warm ones.
Figures only; nothing is asserted beyond the equality of the objects."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata

import kcl_lib.api as kcl
import yaml

ttlc, work, rounds, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
shm = "/dev/shm" if os.path.isdir("/dev/shm") else work
api = kcl.API()
# libyaml's parser where PyYAML has it: the pure-Python one took minutes on 10,000 services' objects.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def ttlc_build(n, out):
    """One `ttlc build` into an empty folder: wall seconds and the objects it emitted."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run([ttlc, "build", "--format", "json", f"{work}/spec-{n}", "-o", out],
                          capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(done.stderr.decode())
    return elapsed, json.loads(done.stdout)["objects"]


def kcl_render(n):
    """One KCL evaluation of the peer program: wall seconds and its YAML."""
    args = kcl.ExecProgramArgs(k_filename_list=[f"{work}/kcl-{n}/main.k"])
    start = time.perf_counter()
    result = api.exec_program(args)
    return time.perf_counter() - start, result.yaml_result


def ttlc_objects(out):
    """The objects ttlc wrote for the services and namespaces (the peer's share of the tree)."""
    objects = []
    for top in ("apps", "infrastructure/namespaces"):
        for folder, _, files in os.walk(os.path.join(out, top)):
            for name in files:
                if name.endswith(".yaml") and name != "kustomization.yaml":
                    with open(os.path.join(folder, name)) as f:
                        objects.extend(d for d in yaml.load_all(f, Loader=Loader) if d)
    return objects


def canonical(objects):
    return sorted(json.dumps(o, sort_keys=True) for o in objects)


print(f"ttlc end to end (new process, spec read and checked, files written to {shm}) against")
print(f"kcl-lib {metadata.version('kcl-lib')}'s exec_program in this process (no start, nothing written); "
      f"{rounds} alternated rounds")
print(f"{'services':>9} {'ttlc objs':>9} {'ttlc ms':>14} {'ttlc obj/s':>10} "
      f"{'KCL objs':>8} {'KCL cold ms':>11} {'KCL ms':>14} {'KCL obj/s':>10} {'ttlc ÷ KCL':>10}")
for n in sizes:
    out = f"{shm}/ttlc-kcl-peer-{n}"
    _, ttlc_count = ttlc_build(n, out)
    cold, rendered = kcl_render(n)
    theirs = yaml.load(rendered, Loader=Loader)["items"]
    ours = ttlc_objects(out)
    if canonical(theirs) != canonical(ours):
        missing = set(canonical(ours)) - set(canonical(theirs))
        extra = set(canonical(theirs)) - set(canonical(ours))
        sys.exit(f"{n} services: KCL's {len(theirs)} objects differ from ttlc's {len(ours)}; "
                 f"first only in ttlc: {sorted(missing)[:1]}; first only in KCL: {sorted(extra)[:1]}")
    ttlc_times, kcl_times, ratios = [], [], []
    for round in range(rounds):
        if round % 2 == 0:
            ours_s, _ = ttlc_build(n, out)
            theirs_s, _ = kcl_render(n)
        else:
            theirs_s, _ = kcl_render(n)
            ours_s, _ = ttlc_build(n, out)
        ttlc_times.append(ours_s)
        kcl_times.append(theirs_s)
        ratios.append((ttlc_count / ours_s) / (len(theirs) / theirs_s))
    shutil.rmtree(out, ignore_errors=True)
    t_med, t_min = statistics.median(ttlc_times), min(ttlc_times)
    k_med, k_min = statistics.median(kcl_times), min(kcl_times)
    print(f"{n:>9} {ttlc_count:>9} {t_med * 1000:6.1f} ({t_min * 1000:5.1f}) {ttlc_count / t_med:10.0f} "
          f"{len(theirs):>8} {cold * 1000:11.1f} {k_med * 1000:6.1f} ({k_min * 1000:5.1f}) {len(theirs) / k_med:10.0f} "
          f"{statistics.median(ratios):9.2f}×", flush=True)
print("ms: median (minimum); obj/s from the medians; ttlc ÷ KCL: the median of the rounds' ratios of objects/s")
