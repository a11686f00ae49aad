#!/usr/bin/env bash
# lab.sh — a lab of real OpenSSH sshd "nodes" for ChatOpsWatch tests.
#
# Each node is a network namespace with its own address, reached from the host
# over a veth pair, running its own sshd with its own host keys. Faults
# (sshd stop, blackhole, random drop, freeze, rekey) are injected per node.
# All iptables rules live INSIDE the node namespaces (chains COWLAB-IN and
# COWLAB-OUT), so the host's own firewall is never touched and deleting a
# namespace removes its rules.
#
# Progress goes to stderr; stdout carries only machine-readable output.
# shellcheck disable=SC2015  # "test && test || die" is meant: die if either fails
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$SCRIPT_DIR")
LAB_DIR=$(realpath -m -- "${COW_LAB_DIR:-$REPO_DIR/lab}")
SSHD=/usr/sbin/sshd
LAB_USER=cowlab
OWNER_DIR=/run/cowlab          # <ns>.owner files: which lab dir owns a namespace
HOST_PWF=/var/lib/cowlab/cowlab.password   # host-wide copy of the lab user's password
CHAIN_IN=COWLAB-IN
CHAIN_OUT=COWLAB-OUT
DEFAULT_PREFIX=cow
DEFAULT_NET=231

usage() {
    cat <<EOF
Usage: $(basename "$0") <command> [args]

Manages a lab of real OpenSSH sshd nodes, one per network namespace.
Lab state lives in \$COW_LAB_DIR (now: $LAB_DIR).
<node> is a node name such as cow1 (or just its number, 1).

Commands:
  up N [--prefix P] [--net O]  create/repair nodes P1..PN (default P=$DEFAULT_PREFIX, O=$DEFAULT_NET);
                               node i is 10.O.i.2:22, the host side 10.O.i.1.
                               Also heals faults (unblackhole, undrop, thaw, start sshd)
                               and removes nodes numbered above N. Prints and writes
                               to \$COW_LAB_DIR/nodes.txt one line per node:
                               node <name> <addr> 22
  down                         kill everything of the lab, delete its namespaces and veths
  status                       one line per node: <name> <addr> sshd=up|down|frozen net=ok|blackhole|drop=P%
  stop-sshd <node>             kill every sshd of the node (listener and sessions)
  start-sshd <node>            start the node's sshd (same keys), wait until it listens
  blackhole <node>             silently drop all packets to/from the node
  unblackhole <node>           undo blackhole
  drop <node> <percent>        drop <percent>% of packets at random, each direction
  drop-nth <node> <percent>    drop exactly <percent>% (a multiple of 10) of the echo requests and of
                               the SYNs arriving at the node, in a fixed pattern (iptables statistic
                               --mode nth), so a burst of probes loses a known share, not a random one
  undrop <node>                undo drop and drop-nth
  freeze <node>                SIGSTOP every sshd of the node
  thaw <node>                  SIGCONT every sshd of the node
  rekey <node>                 new host keys, restart sshd (sessions break), wait
  sshd-extra <node> [LINE...]  put sshd_config LINEs (e.g. "KexAlgorithms diffie-hellman-group1-sha1") first in
                               the node's config, so they win over the lab's own; restart its sshd. No LINE:
                               back to the plain config. Kept by 'up' (in \$COW_LAB_DIR/<node>/sshd_config.extra)
  log <node>                   print the path of the node's sshd log
  exec <node> -- cmd...        run a command inside the node's namespace
  help, --help                 this text
EOF
}

die() { echo "lab.sh: error: $*" >&2; exit 1; }
say() { echo "lab.sh: $*" >&2; }

require_root() { [[ $(id -u) -eq 0 ]] || die "must be run as root"; }

require_tools() {
    local c missing=()
    for c in ip iptables ss ssh-keygen timeout useradd chpasswd "$SSHD"; do
        command -v "$c" >/dev/null 2>&1 || missing+=("$c")
    done
    ((${#missing[@]} == 0)) || die "missing: ${missing[*]}; run scripts/install-deps.sh first"
}

# ---------------------------------------------------------------- lab state

# lab.conf holds PREFIX, NET, COUNT. It is written before anything is created,
# so a half-created lab can always be torn down.
load_conf() {
    PREFIX="" NET="" COUNT=""
    [[ -f $LAB_DIR/lab.conf ]] || return 1
    local k v
    while IFS='=' read -r k v; do
        case "$k" in
            PREFIX) PREFIX=$v ;;
            NET) NET=$v ;;
            COUNT) COUNT=$v ;;
        esac
    done <"$LAB_DIR/lab.conf"
    [[ $PREFIX =~ ^[a-z][a-z0-9]*$ && $NET =~ ^[0-9]+$ && $COUNT =~ ^[0-9]+$ ]] ||
        die "$LAB_DIR/lab.conf is corrupt; fix or remove it"
}

save_conf() {
    printf 'PREFIX=%s\nNET=%s\nCOUNT=%s\n' "$1" "$2" "$3" >"$LAB_DIR/lab.conf.tmp"
    mv -f "$LAB_DIR/lab.conf.tmp" "$LAB_DIR/lab.conf"
}

need_lab() {
    load_conf || die "no lab in $LAB_DIR (run: lab.sh up N)"
}

# Resolve a node argument (name or number) into globals NODE, IDX.
resolve_node() {
    local arg=${1:-}
    [[ -n $arg ]] || die "missing <node> argument"
    need_lab
    if [[ $arg =~ ^[0-9]+$ ]]; then
        IDX=$((10#$arg))
    elif [[ $arg =~ ^${PREFIX}([0-9]+)$ ]]; then
        IDX=$((10#${BASH_REMATCH[1]}))
    else
        die "unknown node '$arg' (nodes are ${PREFIX}1..${PREFIX}${COUNT})"
    fi
    ((IDX >= 1 && IDX <= COUNT)) || die "unknown node '$arg' (nodes are ${PREFIX}1..${PREFIX}${COUNT})"
    NODE=$PREFIX$IDX
    ns_exists "$NODE" || die "namespace $NODE is missing (run: lab.sh up $COUNT)"
}

node_addr() { echo "10.$NET.$1.2"; }
host_addr() { echo "10.$NET.$1.1"; }
node_dir() { echo "$LAB_DIR/$1"; }

ns_exists() { [[ -e /run/netns/$1 ]]; }
ns_pids() { ip netns pids "$1" 2>/dev/null || true; }

# sshd processes (listener, per-connection monitors and privsep children) in a namespace.
sshd_pids() {
    local p c
    for p in $(ns_pids "$1"); do
        c=$(cat "/proc/$p/comm" 2>/dev/null) || continue
        [[ $c == sshd* ]] && echo "$p"
    done
    return 0
}

listener_pid() {
    local node=$1 pf p
    pf=$(node_dir "$node")/sshd.pid
    [[ -s $pf ]] || return 1
    p=$(<"$pf")
    [[ $p =~ ^[0-9]+$ ]] || return 1
    # No 'grep -q' on pipes in this script: with pipefail its early exit can fail the pipeline.
    [[ " $(sshd_pids "$node" | tr '\n' ' ') " == *" $p "* ]] || return 1
    echo "$p"
}

is_listening() {
    [[ -n $(ip netns exec "$1" ss -Hltn "sport = :22" 2>/dev/null) ]]
}

# ---------------------------------------------------------------- processes

# Send TERM (+CONT, so stopped processes receive it), then KILL; wait until gone.
# $1 = a function printing the pids to kill, $2.. = its args.
kill_until_gone() {
    local lister=$1; shift
    local pids i
    for i in $(seq 1 50); do
        pids=$("$lister" "$@" | tr '\n' ' ')
        [[ -z ${pids// /} ]] && return 0
        if ((i <= 20)); then
            # shellcheck disable=SC2086
            kill -TERM $pids 2>/dev/null || true
        else
            # shellcheck disable=SC2086
            kill -KILL $pids 2>/dev/null || true
        fi
        # shellcheck disable=SC2086
        kill -CONT $pids 2>/dev/null || true
        sleep 0.1
    done
    pids=$("$lister" "$@" | tr '\n' ' ')
    [[ -z ${pids// /} ]] || die "could not kill processes: $pids"
}

# Every process whose command line names an sshd config under this lab dir,
# in any namespace (catches sshds whose namespace was unmounted).
lab_sshd_pids() {
    local f p
    for f in /proc/[0-9]*/cmdline; do
        p=${f#/proc/}; p=${p%/cmdline}
        [[ $(cat "/proc/$p/comm" 2>/dev/null) == sshd* ]] || continue
        [[ $(tr '\0' ' ' <"$f" 2>/dev/null) == *"-f $LAB_DIR/"* ]] && echo "$p"
    done
    return 0
}

# This node's sshd listeners that run outside its namespace (e.g. the namespace
# was deleted by hand under a running sshd).
stray_pids() {
    local node=$1 p in_ns
    in_ns=" $(ns_pids "$node" | tr '\n' ' ') "
    for p in $(lab_sshd_pids); do
        [[ $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) == *"-f $(node_dir "$node")/sshd_config "* ]] || continue
        [[ $in_ns == *" $p "* ]] || echo "$p"
    done
    return 0
}

stop_sshd() {
    kill_until_gone sshd_pids "$1"
    rm -f "$(node_dir "$1")/sshd.pid"
}

start_sshd() {
    local node=$1 dir
    dir=$(node_dir "$node")
    if listener_pid "$node" >/dev/null; then
        say "$node: sshd already running"
        return 0
    fi
    mkdir -p /run/sshd && chmod 0755 /run/sshd
    "$SSHD" -t -f "$dir/sshd_config" 2>"$dir/sshd_config.check" ||
        die "$node: sshd rejects $dir/sshd_config: $(cat "$dir/sshd_config.check")"
    rm -f "$dir/sshd.pid" "$dir/sshd_config.check"
    ip netns exec "$node" "$SSHD" -f "$dir/sshd_config" -E "$dir/sshd.log" ||
        die "$node: sshd failed to start; see $dir/sshd.log: $(tail -n 5 "$dir/sshd.log" 2>/dev/null)"
    wait_listening "$node"
}

wait_listening() {
    local node=$1 i
    for i in $(seq 1 100); do
        if is_listening "$node" && listener_pid "$node" >/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    die "$node: sshd is not listening on $(node_addr "${node#"$PREFIX"}"):22 after 10s; see $(node_dir "$node")/sshd.log: $(tail -n 5 "$(node_dir "$node")/sshd.log" 2>/dev/null)"
}

# From the host namespace: connect and read the SSH banner.
probe_banner() {
    # shellcheck disable=SC2016  # $0 expands in the inner shell
    timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/22" && IFS= read -r -t 4 l <&3 && [[ $l == SSH-* ]]' "$1" 2>/dev/null
}

# ---------------------------------------------------------------- keys, user

gen_host_keys() {
    local dir=$1 node=$2
    [[ -s $dir/ssh_host_ed25519_key ]] ||
        ssh-keygen -q -t ed25519 -N '' -C "cowlab-$node" -f "$dir/ssh_host_ed25519_key" </dev/null >/dev/null
    [[ -s $dir/ssh_host_rsa_key ]] ||
        ssh-keygen -q -t rsa -b 3072 -N '' -C "cowlab-$node" -f "$dir/ssh_host_rsa_key" </dev/null >/dev/null
}

ensure_client_keys() {
    [[ -s $LAB_DIR/id_ed25519 ]] ||
        ssh-keygen -q -t ed25519 -N '' -C cowlab-client -f "$LAB_DIR/id_ed25519" </dev/null >/dev/null
    [[ -s $LAB_DIR/id_rsa ]] ||
        ssh-keygen -q -t rsa -b 3072 -N '' -C cowlab-client -f "$LAB_DIR/id_rsa" </dev/null >/dev/null
    chmod 0600 "$LAB_DIR/id_ed25519" "$LAB_DIR/id_rsa"
    local ak=$LAB_DIR/authorized_keys k
    touch "$ak"
    for k in "$LAB_DIR/id_ed25519.pub" "$LAB_DIR/id_rsa.pub"; do
        grep -qxF -- "$(cat "$k")" "$ak" || cat "$k" >>"$ak"
    done
    chmod 0644 "$ak"
}

ensure_user() {
    local pwf=$LAB_DIR/cowlab.password pw
    if ! id "$LAB_USER" >/dev/null 2>&1; then
        useradd --create-home --shell /bin/bash --comment "ChatOpsWatch lab user" "$LAB_USER" ||
            die "could not create user $LAB_USER"
    fi
    # The user is host-wide, so its password is too: the host-wide copy wins
    # and is mirrored into every lab dir, so coexisting labs agree on it.
    mkdir -p "$(dirname "$HOST_PWF")" && chmod 0700 "$(dirname "$HOST_PWF")"
    if [[ -s $HOST_PWF ]]; then
        pw=$(head -n 1 "$HOST_PWF")
    elif [[ -s $pwf ]]; then
        pw=$(head -n 1 "$pwf")
    else
        pw=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 20 || true)
    fi
    [[ -n $pw ]] || die "could not read or generate the $LAB_USER password"
    (umask 077 && printf '%s\n' "$pw" >"$HOST_PWF" && printf '%s\n' "$pw" >"$pwf")
    printf '%s:%s\n' "$LAB_USER" "$pw" | chpasswd || die "could not set the password of $LAB_USER"
    # sshd reads AuthorizedKeysFile as the user: the path must be traversable.
    runuser -u "$LAB_USER" -- test -r "$LAB_DIR/authorized_keys" ||
        say "warning: $LAB_USER cannot read $LAB_DIR/authorized_keys (directory permissions); key login as $LAB_USER will fail"
}

write_sshd_config() {
    local node=$1 i=$2 dir
    dir=$(node_dir "$node")
    {
        echo "# Generated by scripts/lab.sh for lab node $node; rewritten by every 'lab.sh up'."
        # sshd keeps the first value of a keyword, so a node's extra lines (lab.sh sshd-extra) come first.
        [[ -s $dir/sshd_config.extra ]] && cat "$dir/sshd_config.extra"
        cat <<EOF
ListenAddress $(node_addr "$i"):22
HostKey $dir/ssh_host_ed25519_key
HostKey $dir/ssh_host_rsa_key
PidFile $dir/sshd.pid
LogLevel VERBOSE
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM yes
AuthorizedKeysFile $LAB_DIR/authorized_keys
MaxStartups 100
MaxSessions 50
UseDNS no
PrintMotd no
X11Forwarding no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
    } >"$dir/sshd_config.tmp"
    mv -f "$dir/sshd_config.tmp" "$dir/sshd_config"
}

# ---------------------------------------------------------------- iptables (inside the node ns)

ipt() { ip netns exec "$NODE" iptables -w 5 "$@"; }

ensure_chains() {
    local c
    for c in "$CHAIN_IN" "$CHAIN_OUT"; do
        ipt -S "$c" >/dev/null 2>&1 || ipt -N "$c"
    done
    ipt -C INPUT -j "$CHAIN_IN" 2>/dev/null || ipt -I INPUT 1 -j "$CHAIN_IN"
    ipt -C OUTPUT -j "$CHAIN_OUT" 2>/dev/null || ipt -I OUTPUT 1 -j "$CHAIN_OUT"
}

# Delete every rule of our chains that carries comment $1.
del_tagged() {
    local tag=$1 c line
    for c in "$CHAIN_IN" "$CHAIN_OUT"; do
        ipt -S "$c" >/dev/null 2>&1 || continue
        while IFS= read -r line; do
            [[ $line == "-A $c "* && $line == *"--comment $tag "* ]] || continue
            eval "ipt -D ${line#-A }"
        done < <(ipt -S "$c")
    done
}

has_tag() { [[ $(ipt -S "$CHAIN_IN" 2>/dev/null) == *"--comment $1 "* ]]; }

drop_pct() {
    local p
    p=$(ipt -S "$CHAIN_IN" 2>/dev/null | awk '/--comment cowlab-drop / { for (i = 1; i < NF; i++) if ($i == "--probability") p = $(i + 1) } END { print p }')
    [[ -n $p ]] && awk -v p="$p" 'BEGIN { printf "%g", p * 100 }'
}

# ---------------------------------------------------------------- node lifecycle

ensure_node() {
    local i=$1 node=$PREFIX$1 hif="$PREFIX${1}h" nif="$PREFIX${1}n" dir owner
    dir=$(node_dir "$node")
    mkdir -p "$dir" "$OWNER_DIR"
    if [[ -f $OWNER_DIR/$node.owner ]]; then
        owner=$(<"$OWNER_DIR/$node.owner")
        [[ $owner == "$LAB_DIR" ]] ||
            die "namespace $node belongs to the lab in $owner; use another --prefix and --net"
    elif ns_exists "$node"; then
        die "namespace $node exists but was not made by lab.sh; remove it (ip netns del $node) or use another --prefix"
    fi

    # Refuse to shadow a network the host already uses.
    local clash
    clash=$(ip -4 -o addr show | awk -v a="10.$NET.$i." -v h="$hif" '$2 != h && index($4, a) == 1 {print $2" "$4}')
    [[ -z $clash ]] || die "10.$NET.$i.0/24 is already used on the host ($clash); pick another --net"
    echo "$LAB_DIR" >"$OWNER_DIR/$node.owner"

    ns_exists "$node" || ip netns add "$node"
    kill_until_gone stray_pids "$node"
    if ! ip link show "$hif" >/dev/null 2>&1 || ! ip -n "$node" link show "$nif" >/dev/null 2>&1; then
        ip link del "$hif" 2>/dev/null || true
        ip link del "$nif" 2>/dev/null || true
        ip -n "$node" link del "$nif" 2>/dev/null || true
        ip link add "$hif" type veth peer name "$nif" netns "$node" ||
            die "could not create veth $hif/$nif for $node"
    fi
    ip addr replace "$(host_addr "$i")/24" dev "$hif"
    ip link set "$hif" up
    ip -n "$node" link set lo up
    ip -n "$node" addr replace "$(node_addr "$i")/24" dev "$nif"
    ip -n "$node" link set "$nif" up

    gen_host_keys "$dir" "$node"
    write_sshd_config "$node" "$i"
    : >>"$dir/sshd.log"

    # Heal faults so that 'up' always leaves a healthy lab.
    NODE=$node
    ensure_chains
    del_tagged cowlab-blackhole
    del_tagged cowlab-drop
    del_tagged cowlab-dropnth
    local p
    for p in $(sshd_pids "$node"); do kill -CONT "$p" 2>/dev/null || true; done
    start_sshd "$node"
}

remove_node() {
    local node=$1 hif="${1}h" nif="${1}n" owner=""
    [[ -f $OWNER_DIR/$node.owner ]] && owner=$(<"$OWNER_DIR/$node.owner")
    if [[ -n $owner && $owner != "$LAB_DIR" ]]; then
        say "leaving $node alone: it belongs to the lab in $owner"
        return 0
    fi
    if ns_exists "$node"; then
        # Lift faults first, so clients of killed sessions get a FIN/RST instead of hanging.
        ip netns exec "$node" iptables -w 5 -F "$CHAIN_IN" 2>/dev/null || true
        ip netns exec "$node" iptables -w 5 -F "$CHAIN_OUT" 2>/dev/null || true
        kill_until_gone ns_pids "$node"
        ip netns del "$node" || die "could not delete namespace $node"
    fi
    if ip link show "$hif" >/dev/null 2>&1; then ip link del "$hif" || true; fi
    if ip link show "$nif" >/dev/null 2>&1; then ip link del "$nif" || true; fi
    rm -f "$OWNER_DIR/$node.owner" "$(node_dir "$node")/sshd.pid"
}

write_nodes() {
    local i out=""
    for i in $(seq 1 "$COUNT"); do
        out+="node $PREFIX$i $(node_addr "$i") 22"$'\n'
    done
    printf '%s' "$out" >"$LAB_DIR/nodes.txt.tmp"
    mv -f "$LAB_DIR/nodes.txt.tmp" "$LAB_DIR/nodes.txt"
    printf '%s' "$out"
}

# ---------------------------------------------------------------- commands

cmd_up() {
    local n="" prefix=$DEFAULT_PREFIX net=$DEFAULT_NET
    while (($#)); do
        case "$1" in
            --prefix) [[ $# -ge 2 ]] || die "--prefix needs a value"; prefix=$2; shift 2 ;;
            --prefix=*) prefix=${1#*=}; shift ;;
            --net) [[ $# -ge 2 ]] || die "--net needs a value"; net=$2; shift 2 ;;
            --net=*) net=${1#*=}; shift ;;
            -h|--help) usage; exit 0 ;;
            -*) die "up: unknown option $1" ;;
            *) [[ -z $n ]] || die "up: unexpected argument $1"; n=$1; shift ;;
        esac
    done
    [[ $n =~ ^[0-9]+$ ]] && ((10#$n >= 1 && 10#$n <= 254)) ||
        die "up: N must be a number from 1 to 254 (got '${n}')"
    n=$((10#$n))
    [[ $prefix =~ ^[a-z][a-z0-9]*$ ]] || die "up: --prefix must be lowercase letters/digits starting with a letter"
    [[ $prefix =~ [a-z]$ ]] || die "up: --prefix must end with a letter (node names are <prefix><i>)"
    ((${#prefix} + ${#n} + 1 <= 15)) || die "up: --prefix '$prefix' is too long: interface names <prefix>${n}h must fit in 15 characters"
    [[ $net =~ ^[0-9]+$ ]] && ((10#$net <= 255)) ||
        die "up: --net must be a number from 0 to 255"
    net=$((10#$net))
    [[ $LAB_DIR != *[[:space:]%]* ]] || die "COW_LAB_DIR must not contain spaces or '%' (sshd config tokens): $LAB_DIR"
    require_root
    require_tools

    mkdir -p "$LAB_DIR"
    chmod 0755 "$LAB_DIR"
    local old=0
    if load_conf; then
        [[ $PREFIX == "$prefix" && $NET == "$net" ]] ||
            die "the lab in $LAB_DIR runs with --prefix $PREFIX --net $NET; run 'lab.sh down' first, or set another COW_LAB_DIR"
        old=$COUNT
    fi
    PREFIX=$prefix NET=$net
    COUNT=$((old > n ? old : n))
    save_conf "$PREFIX" "$NET" "$COUNT"   # before creating anything: 'down' must find it all

    local t0=$SECONDS i
    ensure_client_keys
    ensure_user
    for i in $(seq 1 "$n"); do
        say "up: $PREFIX$i at $(node_addr "$i")"
        ensure_node "$i"
    done
    for ((i = n + 1; i <= old; i++)); do
        say "up: removing $PREFIX$i (above N=$n)"
        remove_node "$PREFIX$i"
    done
    COUNT=$n
    save_conf "$PREFIX" "$NET" "$COUNT"

    for i in $(seq 1 "$n"); do
        probe_banner "$(node_addr "$i")" ||
            die "$PREFIX$i: sshd listens but $(node_addr "$i"):22 does not answer from the host (routing or host firewall?)"
    done
    say "up: $n node(s) ready in $((SECONDS - t0))s"
    write_nodes
}

cmd_down() {
    (($# == 0)) || die "down takes no arguments"
    require_root
    local i
    if load_conf; then
        for i in $(seq 1 "$COUNT"); do
            remove_node "$PREFIX$i"
        done
    else
        say "down: no lab.conf in $LAB_DIR; only looking for stray sshd processes"
    fi
    kill_until_gone lab_sshd_pids
    rm -f "$LAB_DIR/lab.conf" "$LAB_DIR/nodes.txt"
    say "down: lab in $LAB_DIR is down"
}

cmd_status() {
    (($# == 0)) || die "status takes no arguments"
    if ! load_conf; then
        echo "lab down (no lab in $LAB_DIR)"
        return 0
    fi
    require_root
    local i node addr st net p state
    for i in $(seq 1 "$COUNT"); do
        node=$PREFIX$i addr=$(node_addr "$i")
        if ! ns_exists "$node"; then
            echo "$node $addr sshd=down net=missing"
            continue
        fi
        st=down
        if p=$(listener_pid "$node"); then
            state=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null || echo '?')
            if [[ $state == T ]]; then st=frozen; elif is_listening "$node"; then st=up; fi
        fi
        NODE=$node net=ok
        if has_tag cowlab-blackhole; then
            net=blackhole
        elif p=$(drop_pct) && [[ -n $p ]]; then
            net="drop=$p%"
        elif has_tag cowlab-dropnth; then
            net="drop-nth=$(($(ipt -S "$CHAIN_IN" | grep -c -- '--comment cowlab-dropnth ') * 5))%"
        fi
        echo "$node $addr sshd=$st net=$net"
    done
}

cmd_node() {
    local cmd=$1; shift
    require_root
    resolve_node "${1:-}"
    local nif="${NODE}n" addr
    addr=$(node_addr "$IDX")
    case "$cmd" in
        stop-sshd)
            (($# == 1)) || die "usage: lab.sh stop-sshd <node>"
            stop_sshd "$NODE"
            say "$NODE: sshd stopped (listener and sessions)"
            ;;
        start-sshd)
            (($# == 1)) || die "usage: lab.sh start-sshd <node>"
            start_sshd "$NODE"
            say "$NODE: sshd listening on $addr:22"
            ;;
        blackhole)
            (($# == 1)) || die "usage: lab.sh blackhole <node>"
            ensure_chains
            del_tagged cowlab-blackhole
            ipt -A "$CHAIN_IN" -i "$nif" -m comment --comment cowlab-blackhole -j DROP
            ipt -A "$CHAIN_OUT" -o "$nif" -m comment --comment cowlab-blackhole -j DROP
            say "$NODE: blackholed (all packets to/from $addr dropped)"
            ;;
        unblackhole)
            (($# == 1)) || die "usage: lab.sh unblackhole <node>"
            ensure_chains
            del_tagged cowlab-blackhole
            say "$NODE: blackhole removed"
            ;;
        drop)
            (($# == 2)) || die "usage: lab.sh drop <node> <percent>"
            local pct=$2 prob
            [[ $pct =~ ^[0-9]+([.][0-9]+)?$ ]] || die "drop: percent must be a number from 0 to 100 (got '$pct')"
            awk -v p="$pct" 'BEGIN { exit !(p >= 0 && p <= 100) }' || die "drop: percent must be from 0 to 100 (got '$pct')"
            prob=$(awk -v p="$pct" 'BEGIN { printf "%.6f", p / 100 }')
            ensure_chains
            del_tagged cowlab-drop
            del_tagged cowlab-dropnth
            if awk -v p="$pct" 'BEGIN { exit !(p > 0) }'; then
                ipt -A "$CHAIN_IN" -i "$nif" -m comment --comment cowlab-drop \
                    -m statistic --mode random --probability "$prob" -j DROP
                ipt -A "$CHAIN_OUT" -o "$nif" -m comment --comment cowlab-drop \
                    -m statistic --mode random --probability "$prob" -j DROP
            fi
            say "$NODE: dropping $pct% of packets in each direction"
            ;;
        drop-nth)
            (($# == 2)) || die "usage: lab.sh drop-nth <node> <percent>"
            local pct=$2 i
            [[ $pct =~ ^(0|[1-9]0|100)$ ]] || die "drop-nth: percent must be a multiple of 10 from 0 to 100 (got '$pct')"
            ensure_chains
            del_tagged cowlab-drop
            del_tagged cowlab-dropnth
            # Each rule sees what the previous ones let through: dropping the first of every 10, then of
            # every 9 that remain, then of every 8 ... takes exactly 10 % of the original stream per rule.
            # Echo requests and SYNs (what a probe sends first) have counters of their own, so the other
            # packets of a connection, or the two kinds of probe interleaving, do not shift the pattern.
            local match
            for match in "-p icmp --icmp-type echo-request" "-p tcp --syn"; do
                for ((i = 0; i < pct / 10; i++)); do
                    # shellcheck disable=SC2086 # $match is several words on purpose
                    ipt -A "$CHAIN_IN" -i "$nif" $match -m comment --comment cowlab-dropnth \
                        -m statistic --mode nth --every $((10 - i)) --packet 0 -j DROP
                done
            done
            say "$NODE: dropping exactly $pct% of the echo requests and of the SYNs arriving at the node"
            ;;
        undrop)
            (($# == 1)) || die "usage: lab.sh undrop <node>"
            ensure_chains
            del_tagged cowlab-drop
            del_tagged cowlab-dropnth
            say "$NODE: random drop removed"
            ;;
        freeze | thaw)
            (($# == 1)) || die "usage: lab.sh $cmd <node>"
            local sig=STOP p pids
            [[ $cmd == thaw ]] && sig=CONT
            pids=$(sshd_pids "$NODE")
            [[ -n $pids ]] || say "$NODE: warning: no sshd process to $cmd"
            for p in $pids; do kill "-$sig" "$p" 2>/dev/null || true; done
            say "$NODE: sent SIG$sig to $(echo "$pids" | wc -w) sshd process(es)"
            ;;
        rekey)
            (($# == 1)) || die "usage: lab.sh rekey <node>"
            local dir fresh
            dir=$(node_dir "$NODE")
            # New keys are made aside first: sshd re-reads its host keys on every connection, so deleting them while
            # it runs would refuse connections for as long as ssh-keygen takes. The swap itself is a quick restart,
            # as a changed key (a reinstalled node, or someone in the middle) usually comes without an outage.
            fresh=$(mktemp -d "$dir/rekey.XXXXXX")
            gen_host_keys "$fresh" "$NODE"
            stop_sshd "$NODE"
            rm -f "$dir"/ssh_host_*_key "$dir"/ssh_host_*_key.pub
            mv "$fresh"/ssh_host_* "$dir"/
            rmdir "$fresh"
            start_sshd "$NODE"
            say "$NODE: new host keys, sshd restarted"
            ;;
        sshd-extra)
            shift
            local dir line
            dir=$(node_dir "$NODE")
            for line in "$@"; do
                [[ $line =~ ^[A-Za-z]+[[:space:]]+[^[:cntrl:]]+$ ]] || die "sshd-extra: '$line' is not an sshd_config line (Keyword value)"
            done
            if (($# == 0)); then
                rm -f "$dir/sshd_config.extra"
            else
                printf '%s\n' "$@" >"$dir/sshd_config.extra"
            fi
            write_sshd_config "$NODE" "$IDX"
            stop_sshd "$NODE"
            start_sshd "$NODE"
            say "$NODE: sshd restarted with $# extra config line(s)"
            ;;
        log)
            (($# == 1)) || die "usage: lab.sh log <node>"
            echo "$(node_dir "$NODE")/sshd.log"
            ;;
        exec)
            shift
            [[ ${1:-} == -- ]] && shift
            (($# >= 1)) || die "usage: lab.sh exec <node> -- cmd..."
            exec ip netns exec "$NODE" "$@"
            ;;
    esac
}

main() {
    local cmd=${1:-}
    [[ -n $cmd ]] || { usage >&2; exit 2; }
    shift
    case "$cmd" in
        -h | --help | help) usage ;;
        up) cmd_up "$@" ;;
        down) cmd_down "$@" ;;
        status) cmd_status "$@" ;;
        stop-sshd | start-sshd | blackhole | unblackhole | drop | drop-nth | undrop | freeze | thaw | rekey | sshd-extra | log | exec)
            if [[ ${1:-} == -h || ${1:-} == --help ]]; then usage; exit 0; fi
            cmd_node "$cmd" "$@" ;;
        *) usage >&2; die "unknown command '$cmd'" ;;
    esac
}

main "$@"
