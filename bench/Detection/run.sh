#!/usr/bin/env bash
# run.sh — the detection bench in one command (as root; takes the lab lock itself):
#
#   sudo bench/Detection/run.sh [--trials 5] [--faults blackhole,freeze,stop-sshd] [--soak SECONDS] [--timeout 420] [--out FILE]
#
# Builds the Worker (Release), brings up 3 lab sshd nodes (prefix det, 10.239.x, /tmp/cowlab-detection),
# runs bench/Detection/detection.py and takes the lab down whatever happens. Writes bench/results/detection.md.
# --soak 3600 is the issue's hour of 10 % random drop; --faults '' --soak N runs the soak alone.
#
# A long soak need not hold the lab lock for its hour: give it a lab of its own, which collides with no test
# fixture (they use cow/sshx/fleet/add/cor... on nets 231-245) and with no other bench, e.g.
#   BENCH_PREFIX=soak BENCH_NET=251 BENCH_LAB_DIR=/tmp/cowlab-soak BENCH_NO_LOCK=1 \
#     bench/Detection/run.sh --faults '' --soak 3600 --out /tmp/cowlab-soak-result.md
# The Worker runs from a private copy of its build output, so a rebuild of the worktree meanwhile cannot
# disturb it.
set -euo pipefail
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export COW_LAB_DIR=${BENCH_LAB_DIR:-/tmp/cowlab-detection}
prefix=${BENCH_PREFIX:-det}
net=${BENCH_NET:-239}
[[ $(id -u) -eq 0 ]] || { echo "run.sh: run as root (network namespaces)" >&2; exit 2; }
if [[ ${BENCH_NO_LOCK:-0} == 1 && ( $prefix == det || $net == 239 || $COW_LAB_DIR == /tmp/cowlab-detection ) ]]; then
    echo "run.sh: BENCH_NO_LOCK=1 needs a lab of its own: set BENCH_PREFIX, BENCH_NET and BENCH_LAB_DIR" >&2
    exit 2
fi
# BENCH_NO_BUILD=1 runs the Worker as last built (a rebuild rewrites bin/Release under a bench that runs from it).
[[ ${BENCH_NO_BUILD:-0} == 1 ]] || dotnet build "$REPO_DIR/src/ChatOpsWatch.Worker" -c Release -nologo -v quiet >&2
worker_dir=$(mktemp -d /tmp/cow-detection-worker.XXXXXX)
cp -a "$REPO_DIR/src/ChatOpsWatch.Worker/bin/Release/net10.0/." "$worker_dir/"
if [[ ${BENCH_NO_LOCK:-0} != 1 ]]; then
    exec 9>/tmp/cow-lab.lock
    flock 9
fi
trap '"$REPO_DIR/scripts/lab.sh" down >/dev/null || echo "run.sh: COW_LAB_DIR=$COW_LAB_DIR scripts/lab.sh down failed" >&2; rm -rf "$worker_dir"' EXIT
"$REPO_DIR/scripts/lab.sh" up 3 --prefix "$prefix" --net "$net" >/dev/null
/usr/bin/python3 "$REPO_DIR/bench/Detection/detection.py" --worker-dll "$worker_dir/chatopswatch.dll" --lab-dir "$COW_LAB_DIR" "$@"
