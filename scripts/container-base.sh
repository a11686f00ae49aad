#!/usr/bin/env bash
# container-base.sh — make the local base images the Dockerfile builds FROM where no image registry is reachable
# (issue 13; see ../shared/FACTS.md, "Containers"). Idempotent: an image that exists is kept.
#
#   localhost/debian-minbase:bookworm   debootstrap --variant=minbase, imported
#   localhost/cow/runtime:10.0          + the host's .NET runtime (no SDK), libssl3, CA certificates
#   localhost/cow/sdk:10.0              + the host's whole .NET SDK
#
# Then: podman --runtime runc build --format docker --build-arg BASE=localhost/cow -t chatopswatch .
# Needs root, podman, runc, debootstrap; CONTAINERS_CONF pointing at a containers.conf for this machine's cgroups
# (this script writes one there, by default /etc/chatopswatch/containers.conf, when the file is missing).
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) usage; exit 0 ;; "") ;; *) usage >&2; exit 64 ;; esac

die() { echo "container-base.sh: $*" >&2; exit 1; }
for c in podman runc debootstrap; do command -v "$c" >/dev/null || die "$c is missing (scripts/install-deps.sh installs it)"; done

export CONTAINERS_CONF=${CONTAINERS_CONF:-/etc/chatopswatch/containers.conf}
if [[ ! -f "$CONTAINERS_CONF" ]]; then
    mkdir -p "$(dirname "$CONTAINERS_CONF")"
    cat > "$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = []
pids_limit = 0
[engine]
cgroup_manager = "cgroupfs"
CONF
fi
pod() { podman --runtime runc "$@"; }
have() { pod image exists "$1"; }

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime_version=$(ls "$dotnet_root/shared/Microsoft.NETCore.App" | sort -V | tail -1)
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -1)
mirror=${mirror:-http://deb.debian.org/debian}

if ! have localhost/debian-minbase:bookworm; then
    dir=$(mktemp -d /var/tmp/cow-minbase.XXXXXX)
    trap 'rm -rf "$dir"' EXIT
    echo "container-base.sh: debootstrap bookworm from $mirror"
    debootstrap --variant=minbase bookworm "$dir" "$mirror" >/dev/null
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    tar -C "$dir" -c . | pod import - localhost/debian-minbase:bookworm >/dev/null
fi

if ! have localhost/cow/runtime:10.0; then
    echo "container-base.sh: runtime base with .NET $runtime_version"
    pod build --network host -t localhost/cow/runtime:10.0 -f - "$dotnet_root" <<EOF2
FROM localhost/debian-minbase:bookworm
RUN apt-get update -q && apt-get install -y -q --no-install-recommends libssl3 ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb
COPY dotnet /usr/share/dotnet/dotnet
COPY host /usr/share/dotnet/host
COPY shared/Microsoft.NETCore.App/$runtime_version /usr/share/dotnet/shared/Microsoft.NETCore.App/$runtime_version
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
EOF2
fi

if ! have localhost/cow/sdk:10.0; then
    echo "container-base.sh: SDK base"
    pod build --network host -t localhost/cow/sdk:10.0 -f - "$dotnet_root" <<'EOF2'
FROM localhost/cow/runtime:10.0
# No ICU in a minbase Debian: the SDK runs invariant, as the monitor itself does (InvariantGlobalization).
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY . /usr/share/dotnet/
EOF2
fi
echo "container-base.sh: ready: localhost/cow/runtime:10.0, localhost/cow/sdk:10.0"
