#!/usr/bin/env bash
# install-deps.sh — install the Debian packages the ChatOpsWatch lab and tests need.
#
# Installs only what is missing, and runs `apt-get update` only when something
# has to be installed, so it is cheap to call at the start of every CI run.
set -euo pipefail

# prometheus ships promtool and the server the metrics tests scrape with; podman, runc and debootstrap build and run
# the container image from a local Debian base, podman-compose runs compose.yaml, and systemd brings systemd-analyze to
# check the unit files (issue 13); influxdb (1.6.7) is the real influxd the archive tests write to and query back
# (issue 14; the tests start their own on free ports, never the packaged service). The systemd package is only its
# files: PID 1 stays what it is (systemd-sysv makes systemd the init, and it is not installed).
PACKAGES=(openssh-server openssh-client iptables iproute2 stress-ng procps coreutils busybox dash prometheus podman runc debootstrap podman-compose systemd influxdb)

usage() {
    cat <<EOF
Usage: $(basename "$0") [--help]

Installs, from apt, the packages the ChatOpsWatch test lab needs if they are
missing: ${PACKAGES[*]}.
Runs 'apt-get update' only if an install is needed. Must be run as root.
Non-interactive; safe to run repeatedly.
EOF
}

die() { echo "install-deps.sh: error: $*" >&2; exit 1; }

case "${1:-}" in
    -h|--help) usage; exit 0 ;;
    "") ;;
    *) usage >&2; die "unexpected argument: $1" ;;
esac

[[ $(id -u) -eq 0 ]] || die "must be run as root (try: sudo $0)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script supports Debian/Ubuntu only"

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == "installed" ]]
}

missing=()
for p in "${PACKAGES[@]}"; do
    is_installed "$p" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps.sh: all present: ${PACKAGES[*]}"
    exit 0
fi

echo "install-deps.sh: installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || die "apt-get update failed"
apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" || die "apt-get install failed for: ${missing[*]}"

for p in "${missing[@]}"; do
    is_installed "$p" || die "package $p is still not installed after apt-get install"
done
for c in /usr/sbin/sshd ssh ssh-keygen iptables ip ss stress-ng pgrep timeout promtool prometheus podman runc debootstrap podman-compose systemd-analyze influxd; do
    command -v "$c" >/dev/null 2>&1 || die "command $c is missing after install"
done
echo "install-deps.sh: done"
