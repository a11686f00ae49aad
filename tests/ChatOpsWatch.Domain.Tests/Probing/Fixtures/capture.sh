#!/bin/sh
# Re-captures the probe fixtures on a Debian machine, as root (it mounts tmpfs and overlay).
# Needs: busybox, util-linux (unshare), coreutils. Usage: sh capture.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
probe=$(cd "$here/../../../../src/ChatOpsWatch.Infrastructure/Probe" && pwd)/probe.sh
bb=$(command -v busybox)
work=$(mktemp -d)
trap 'umount "$work/ovl" 2>/dev/null || true; rm -rf "$work"' EXIT

# Lines about the sandbox's own tooling mounts say nothing about a real node: drop them.
save() { grep -v '/mnt/sandboxing' >"$here/$1"; }

# Debian 12, /bin/sh is dash; two polls with a busy CPU between them, for real deltas.
/bin/sh "$probe" | save debian12-dash.txt
timeout 2 sh -c 'while :; do :; done' || true
/bin/sh "$probe" | save debian12-dash-later.txt

# BusyBox: its sh and every applet (df, awk, date, cat) first on PATH.
mkdir "$work/bb"
"$bb" --install -s "$work/bb"
PATH="$work/bb" "$bb" sh "$probe" | save busybox.txt

# BusyBox whose df has no -i (FEATURE_DF_INODE off): the probe must mark inodes unavailable.
mkdir "$work/noi"
cat >"$work/noi/df" <<'SHIM'
#!/bin/busybox sh
case " $* " in *" -i "*) echo "df: unrecognized option: i" >&2; exit 1 ;; esac
exec busybox df "$@"
SHIM
chmod +x "$work/noi/df"
PATH="$work/noi:$work/bb" "$bb" sh "$probe" | save busybox-no-df-inodes.txt

# A mount point with spaces (df prints it raw, /proc/mounts as \040), holding 700 KiB of 2 MiB.
space="/tmp/cow probe space"
mkdir -p "$space"
mount -t tmpfs -o size=2m cowspace "$space"
dd if=/dev/zero of="$space/fill" bs=1k count=700 2>/dev/null
/bin/sh "$probe" | save space-mount.txt || true
umount "$space"
rmdir "$space"

# A kernel before 3.14 (no MemAvailable) with swap in use: real /proc files, meminfo edited.
mkdir -p "$work/proc/sys/kernel/random"
for f in uptime stat loadavg mounts sys/kernel/random/boot_id; do cat "/proc/$f" >"$work/proc/$f"; done
grep -v '^MemAvailable:' /proc/meminfo |
  sed -e 's/^SwapTotal:.*/SwapTotal:       2097148 kB/' -e 's/^SwapFree:.*/SwapFree:        1572860 kB/' >"$work/proc/meminfo"
COWPROBE_PROC="$work/proc" /bin/sh "$probe" | save old-kernel-swap.txt

# A container: '/' is an overlay (a view of this root), seen from a chroot in a mount namespace.
mkdir "$work/ovl"
cat >"$work/ovl.sh" <<'OVL'
set -e
mount -t tmpfs -o size=64m cowovl "$1"
mkdir "$1/upper" "$1/work" "$1/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$1/upper,workdir=$1/work" "$1/root"
mount -t proc proc "$1/root/proc"
cp "$2" "$1/root/tmp/cowprobe.sh"
chroot "$1/root" /bin/sh /tmp/cowprobe.sh
OVL
unshare -m --propagation private sh "$work/ovl.sh" "$work/ovl" "$probe" | save container-overlay-root.txt

wc -c "$here"/*.txt
