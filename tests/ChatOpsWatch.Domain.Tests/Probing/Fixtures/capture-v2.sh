#!/bin/sh
# Captures the format-2 fixtures (v2-*.txt) on a Debian machine, as root. Needs: busybox,
# util-linux (unshare), coreutils, iproute2 (ss). Usage: sh capture-v2.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
probe=$(cd "$here/../../../../src/ChatOpsWatch.Infrastructure/Probe" && pwd)/probe.sh
bb=$(command -v busybox)
work=$(mktemp -d)
pids=
trap 'kill $pids 2>/dev/null || true; rm -rf "$work"' EXIT
save() { grep -v '/mnt/sandboxing' >"$here/$1"; }

# What the probe is asked about: a running process (a copy of sleep named cowsleeper, twice),
# a process that does not run, a port something listens on (busybox nc) and one nothing does.
cp "$(command -v sleep)" "$work/cowsleeper"
"$work/cowsleeper" 600 & pids="$pids $!"
"$work/cowsleeper" 600 & pids="$pids $!"
"$bb" nc -l -p 18235 >/dev/null & pids="$pids $!"
sleep 0.3
COW_PROCS="cowsleeper nosuchproc"
COW_PORTS="18235 9"
export COW_PROCS COW_PORTS

# dash, then again after 2 s with one core busy and 32 MiB written to the root disk with O_DIRECT.
/bin/sh "$probe" | save v2-debian12-dash.txt
timeout 2 sh -c 'while :; do :; done' || true
dd if=/dev/zero of="$work/io" bs=1M count=32 oflag=direct 2>/dev/null
/bin/sh "$probe" | save v2-debian12-dash-later.txt

/bin/bash "$probe" | save v2-bash.txt

# A BusyBox-only node (Alpine-like): /usr/bin (so also /bin) hidden in a private mount namespace,
# so there is no ss (ports come from /proc/net/tcp*), no systemctl, and df, awk, date are BusyBox's.
mkdir "$work/bb"
cp "$bb" "$work/bb/busybox"
"$work/bb/busybox" --install -s "$work/bb"
cp "$probe" "$work/probe.sh"
unshare -m --propagation private "$work/bb/sh" -c "
  mount -t tmpfs none /usr/bin
  PATH=$work/bb exec $work/bb/sh $work/probe.sh" | save v2-busybox-no-ss-no-systemctl.txt

wc -c "$here"/v2-*.txt
