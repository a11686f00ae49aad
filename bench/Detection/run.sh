#!/usr/bin/env bash
# run.sh — the detection bench in one command (as root; takes the lab lock itself):
#
#   sudo bench/Detection/run.sh [--trials 5] [--faults blackhole,freeze,stop-sshd] [--soak SECONDS] [--timeout 420]
#
# Builds the Worker (Release), brings up 3 lab sshd nodes (prefix det, 10.239.x, /tmp/cowlab-detection),
# runs bench/Detection/detection.py and takes the lab down whatever happens. Writes bench/results/detection.md.
# --soak 3600 is the issue's hour of 10 % random drop; --faults '' --soak N runs the soak alone.
set -euo pipefail
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export COW_LAB_DIR=${BENCH_LAB_DIR:-/tmp/cowlab-detection}
[[ $(id -u) -eq 0 ]] || { echo "run.sh: run as root (network namespaces)" >&2; exit 2; }
dotnet build "$REPO_DIR/src/ChatOpsWatch.Worker" -c Release -nologo -v quiet >&2
dll=$REPO_DIR/src/ChatOpsWatch.Worker/bin/Release/net10.0/chatopswatch.dll
exec 9>/tmp/cow-lab.lock
flock 9
trap '"$REPO_DIR/scripts/lab.sh" down >/dev/null || echo "run.sh: COW_LAB_DIR=$COW_LAB_DIR scripts/lab.sh down failed" >&2' EXIT
"$REPO_DIR/scripts/lab.sh" up 3 --prefix det --net 239 >/dev/null
/usr/bin/python3 "$REPO_DIR/bench/Detection/detection.py" --worker-dll "$dll" --lab-dir "$COW_LAB_DIR" "$@"
