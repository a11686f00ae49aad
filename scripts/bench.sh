#!/usr/bin/env bash
# bench.sh — the SSH polling benchmark in one command (run as root: the lab needs namespaces).
#
# Builds bench/ChatOpsWatch.Bench in Release, brings up K lab nodes (scripts/lab.sh, its own
# COW_LAB_DIR, prefix and subnet, so it coexists with the test lab), runs the benchmark, and
# takes the lab down again whatever happens. Results: bench/results/ssh-polling.{md,json}.
#
#   sudo scripts/bench.sh [--nodes K] [bench options...]
#   sudo scripts/bench.sh poll-cost [--sshds K] [poll-cost options...]
#   scripts/bench.sh storage [--nodes 10] [--days 90] [--extrapolate-to 1000] [--fleet-nodes 1000] [--fleet-days 1]
#
# storage writes N simulated nodes x D simulated days of 30 s polls through the real store with the real rollups and
# retention beside it, then the fleet (1,000 nodes x 1 day) the same way, and writes bench/results/storage.md (no lab,
# no root; minutes to half an hour with the defaults, depending on the machine's load).
#
# poll-cost runs the REAL Worker (and Paramiko, and one ssh process per poll) against K sshd nodes
# (default 20, prefix pc, subnet 10.238.x) at 20, 200 and 1,000 node names, and writes
# bench/results/poll-cost.md; see bench/README.md. Options: --scales 20:5,200:30,1000:30
# --paramiko-scales 20:5,200:30 --breakdown 200:30 --breakdown-variants no-heartbeat,no-icmp,bare --windows 3 --window 40 --warmup 40 --openssh-polls 20 --user cowlab --keep.
#
# Bench options (see bench/README.md): --rounds R --polls N --reconnect-polls N --warmup N
# --reconnect-warmup N --concurrency C --handshakes N --handshake-warmup N --out DIR.
# Environment: BENCH_NODES (K, default 4), BENCH_LAB_DIR (default /tmp/cowlab-bench; poll-cost /tmp/cowlab-pollcost),
# BENCH_PREFIX (bch; poll-cost pc), BENCH_NET (233; poll-cost 238), BENCH_SSHDS (poll-cost K), and the BENCH_* variables
# the bench itself reads. A lab of its own prefix, subnet and directory collides with no other lab and needs no lock.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$SCRIPT_DIR")
PROJECT=$REPO_DIR/bench/ChatOpsWatch.Bench
NODES=${BENCH_NODES:-4}
PREFIX=${BENCH_PREFIX:-bch}
NET=${BENCH_NET:-233}
export COW_LAB_DIR=${BENCH_LAB_DIR:-/tmp/cowlab-bench}

die() { echo "bench.sh: error: $*" >&2; exit 2; }
say() { echo "bench.sh: $*" >&2; }

MODE=ssh-polling
if [[ ${1:-} == storage ]]; then
    # The storage bench (issue 14) needs no lab and no root: simulated nodes and time, the real store code.
    shift
    say "building $PROJECT (Release)"
    dotnet build "$PROJECT" -c Release -nologo -v quiet >&2 || die "build failed"
    exec dotnet "$PROJECT/bin/Release/net10.0/ChatOpsWatch.Bench.dll" storage --out "$REPO_DIR/bench/results" "$@"
fi
if [[ ${1:-} == poll-cost ]]; then
    MODE=poll-cost; shift
    NODES=${BENCH_SSHDS:-20}; PREFIX=${BENCH_PREFIX:-pc}; NET=${BENCH_NET:-238}
    export COW_LAB_DIR=${BENCH_LAB_DIR:-/tmp/cowlab-pollcost}
fi
args=()
while (($#)); do
    case "$1" in
        --nodes) [[ $# -ge 2 ]] || die "--nodes needs a value"; NODES=$2; shift 2 ;;
        --nodes=*) NODES=${1#*=}; shift ;;
        --sshds) [[ $# -ge 2 ]] || die "--sshds needs a value"; NODES=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) args+=("$1"); shift ;;
    esac
done
[[ $NODES =~ ^[0-9]+$ ]] && ((NODES >= 1 && NODES <= 254)) || die "--nodes must be 1..254 (got '$NODES')"
[[ $(id -u) -eq 0 ]] || die "run as root (sudo scripts/bench.sh): the lab creates network namespaces"
command -v dotnet >/dev/null || die "dotnet is not on PATH"

# Build before the lab exists, so a compile error leaves nothing behind.
say "building $PROJECT (Release)"
dotnet build "$PROJECT" -c Release -nologo -v quiet >&2 || die "build failed"
dll=$PROJECT/bin/Release/net10.0/ChatOpsWatch.Bench.dll
[[ -f $dll ]] || die "build produced no $dll"
if [[ $MODE == poll-cost ]]; then
    say "building the Worker (Release)"
    dotnet build "$REPO_DIR/src/ChatOpsWatch.Worker" -c Release -nologo -v quiet >&2 || die "Worker build failed"
    worker_dll=$REPO_DIR/src/ChatOpsWatch.Worker/bin/Release/net10.0/chatopswatch.dll
    [[ -f $worker_dll ]] || die "build produced no $worker_dll"
    if ! /usr/bin/python3 -c "import paramiko" 2>/dev/null; then
        # The comparison client is Debian's Paramiko: install it, as the test command installs its packages.
        say "installing python3-paramiko"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-paramiko >&2 \
            || die "python3-paramiko is missing and could not be installed: apt-get install -y python3-paramiko"
    fi
fi

# Node CPU is read from a cgroup holding the nodes' sshd listeners: their sessions and probe
# commands inherit it, and it keeps counting after they exit (which /proc sums do not).
CGROUP=""
if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    CGROUP=/sys/fs/cgroup/cowbench-$PREFIX              # cgroup v2 only
elif [[ -d /sys/fs/cgroup/cpuacct ]]; then
    CGROUP=/sys/fs/cgroup/cpuacct/cowbench-$PREFIX      # v1 or hybrid
fi

lab_up=0
bench_pid=""
cleanup() {
    local rc=$?
    if [[ -n $bench_pid ]] && kill -0 "$bench_pid" 2>/dev/null; then
        say "stopping the bench (process group $bench_pid)"
        kill -TERM -- "-$bench_pid" 2>/dev/null || true
        wait "$bench_pid" 2>/dev/null || true
    fi
    if ((lab_up)); then
        say "taking the lab down"
        "$SCRIPT_DIR/lab.sh" down || { say "warning: 'COW_LAB_DIR=$COW_LAB_DIR scripts/lab.sh down' failed; run it by hand"; rc=2; }
    fi
    if [[ -n $CGROUP && -d $CGROUP ]]; then
        rmdir "$CGROUP" 2>/dev/null || say "warning: could not remove cgroup $CGROUP (processes left in it?)"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

lab_up=1   # before 'up': a half-created lab must come down too
say "lab: $NODES node(s), prefix $PREFIX, 10.$NET.x.2, dir $COW_LAB_DIR"
"$SCRIPT_DIR/lab.sh" up "$NODES" --prefix "$PREFIX" --net "$NET" >/dev/null

node_cgroup=()
if [[ -n $CGROUP ]] && mkdir -p "$CGROUP" 2>/dev/null; then
    for i in $(seq 1 "$NODES"); do
        cat "$COW_LAB_DIR/$PREFIX$i/sshd.pid" >"$CGROUP/cgroup.procs" || die "could not move $PREFIX$i's sshd into $CGROUP"
    done
    node_cgroup=(--node-cgroup "$CGROUP")
else
    say "warning: no cgroup for the nodes; node CPU will be left out"
fi

cd "$REPO_DIR"
if [[ $MODE == poll-cost ]]; then
    setsid /usr/bin/python3 "$REPO_DIR/bench/PollCost/poll_cost.py" --worker-dll "$worker_dll" --bench-dll "$dll" --lab-dir "$COW_LAB_DIR" \
        --cgroup "${node_cgroup[1]:-}" ${args[@]+"${args[@]}"} &
    bench_pid=$!
    wait "$bench_pid"
    exit $?
fi
# In the background and in its own process group: bash runs traps only between commands, and
# 'wait' lets a TERM or Ctrl-C in, which then stops the bench and its spin-off child together.
BENCH_DOTNET_SDK=$(dotnet --version) setsid dotnet "$dll" --lab-dir "$COW_LAB_DIR" --out "$REPO_DIR/bench/results" \
    ${node_cgroup[@]+"${node_cgroup[@]}"} ${args[@]+"${args[@]}"} &
bench_pid=$!
wait "$bench_pid"
