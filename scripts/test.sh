#!/usr/bin/env bash
# The README's test command. Installs what the tests need (apt packages such as openssh-server),
# checks formatting, builds with warnings as errors, runs every test project one after another
# (the end-to-end tests start real sshd nodes in network namespaces, so they need root), and ends
# with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

passed=0 failed=0 skipped=0
finish() {
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
  exit $?
}

if ! scripts/install-deps.sh; then
  echo "test.sh: installing the test dependencies failed (see above)" >&2
  failed=$((failed + 1)); finish
fi

if ! dotnet restore ChatOpsWatch.sln; then
  echo "test.sh: restore failed" >&2
  failed=$((failed + 1)); finish
fi

if ! dotnet format ChatOpsWatch.sln --verify-no-changes --no-restore; then
  echo "test.sh: formatting differs; run 'dotnet format ChatOpsWatch.sln' and commit" >&2
  failed=$((failed + 1))
fi

if ! dotnet build ChatOpsWatch.sln -c Release --no-restore; then
  echo "test.sh: build failed" >&2
  failed=$((failed + 1)); finish
fi

results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  dotnet test "$project" -c Release --no-build \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 10m
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "test.sh: $name produced no results (crashed?)" >&2
    failed=$((failed + 1)); continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  p=${p:-0}; f=$(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} ))
  s=$(( ${total:-0} - p - f )); [ "$s" -lt 0 ] && s=0
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
finish
