#!/usr/bin/env bash
# `ttlc build` against KCL (kcl-lib from PyPI: the KCL evaluator itself, native, driven from
# Python) on the same services in one run: the objects each renders are checked equal, then
# timed alternately. SIZES (default "100 1000") and ROUNDS (default 10) as in build-scale.sh.
# KCL's own evaluation at 10,000 services takes it tens of seconds a round.
# See kcl-peer.py for what is timed on each side; the README ("Performance", "Build") for the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup >/dev/null
swift build -c release --product ttlc --static-swift-stdlib >/dev/null

# KCL in a virtual environment of its own under .build/, not in the machine's Python.
venv=.build/kcl-peer-venv
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check kcl-lib==0.13.2 PyYAML==6.0.3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in ${SIZES:-100 1000}; do
  python3 Benchmarks/generate-spec.py "$n" "$work/spec-$n"
  python3 Benchmarks/generate-kcl.py "$n" "$work/kcl-$n"
done
"$venv/bin/python" Benchmarks/kcl-peer.py .build/release/ttlc "$work" "${ROUNDS:-10}" ${SIZES:-100 1000}
