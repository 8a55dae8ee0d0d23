#!/usr/bin/env bash
# `ttlc plan` and `ttlc apply` against a git state of about 1,000 and 10,000 files with 1 % of
# them changed. Figures only; nothing is asserted.
#  1. The compare-with-state phase in process (Benchmarks/StatePlan: synthetic Deployment files;
#     read the state + build the desired tree in memory + compare + drift), best of 5, beside
#     `git diff --stat` between the same two trees in the same run, and one apply.
#  2. The whole commands on generated specs (Benchmarks/generate-spec.py): `ttlc plan` best of
#     5 and `ttlc apply` of a saved, approved plan, spec compile included. `plan` exits 2 when
#     there are changes, so it is not chained with &&.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup >/dev/null
swift build -c release --product ttlc --static-swift-stdlib >/dev/null
swift build -c release --product state-plan >/dev/null
echo "== compare phase, in process"
.build/release/state-plan 1000 10000
echo "== whole commands, release build"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import os, re, subprocess, sys, time
work = sys.argv[1]
home = os.path.join(work, "home"); os.makedirs(home)
open(os.path.join(home, ".gitconfig"), "w").write("[user]\n\tname = bench\n\temail = bench@localhost\n")
env = dict(os.environ, HOME=home, NO_COLOR="1")
ttlc = os.path.abspath(".build/release/ttlc")
def run(*args, ok=(0,)):
    proc = subprocess.run([ttlc, *args], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode not in ok: sys.exit(f"{args}: exit {proc.returncode}\n{proc.stderr.decode()}")
    return proc
print(f"{'services':>9} {'files':>7} {'changed':>8} {'plan s':>8} {'apply s':>8}")
# 117 and 1,170 services make about 1,000 and 10,000 files (the targets' sizes); 1,546 about 13,000.
for services in (117, 1170, 1546):
    spec = os.path.join(work, f"spec-{services}")
    subprocess.run(["python3", "Benchmarks/generate-spec.py", str(services), spec], check=True)
    state = os.path.join(work, f"state-{services}.git")
    run("plan", spec, "--state", state, "--out", "first.json", ok=(2,))
    run("apply", "first.json", "--approve")
    files = int(subprocess.run(["git", "-C", state, "ls-tree", "-r", "--name-only", "main"], stdout=subprocess.PIPE).stdout.count(b"\n"))
    # 1 % of the files: a new image for every k-th service (one Deployment each).
    path = os.path.join(spec, "services.ttl")
    text = open(path).read()
    step = max(1, services * 100 // files)
    text = re.sub(r'(:svc(\d+) a tc:Service ; tc:namespace :ns\d+ ; tc:image "[^"]*):1\.\d\.0"',
                  lambda m: m.group(1) + (':9.9.9"' if int(m.group(2)) % step == 0 else m.group(0)[len(m.group(1)):]), text)
    open(path, "w").write(text)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter(); run("plan", spec, "--state", state, "--format", "json", ok=(2,)); best = min(best, time.perf_counter() - start)
    changed = run("plan", spec, "--state", state, "--out", "plan.json", ok=(2,)).stdout.decode().count("\n  ~ ")
    start = time.perf_counter(); run("apply", "plan.json", "--approve"); apply = time.perf_counter() - start
    print(f"{services:>9} {files:>7} {changed:>8} {best:8.3f} {apply:8.3f}", flush=True)
PY
