#!/usr/bin/env bash
# Runs the portal from a Release build compiled ahead of time (ReadyToRun), rebuilt only when a
# source file changed. Starts in about half the time of `dotnet run`, which checks the whole build
# on every start and then runs a Debug build that the JIT compiles method by method.
#
#   bash tools/run.sh                                  # http://localhost:5080, data in src/Portal.Web/data
#   bash tools/run.sh --urls http://0.0.0.0:8080 --Portal:DataDirectory=/srv/portal
#
# Arguments go to the portal. The working folder is src/Portal.Web, as under `dotnet run`, so
# appsettings.json, wwwroot/ and the default data folder are the same for both.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/artifacts/portal"
stamp="$out/.sources.sha256"

# A fingerprint of every build input (names, sizes, modification times): cheap enough for every
# start, and it notices added, changed and deleted files alike.
sources() {
    cd "$repo"
    {
        find src -type d \( -name bin -o -name obj \) -prune -o -path src/Portal.Web/data -prune -o -type f -printf '%p %s %T@\n'
        find . -maxdepth 1 -type f \( -name 'Directory.*.props' -o -name 'global.json' -o -name 'NuGet.config' \) -printf '%p %s %T@\n'
    } | LC_ALL=C sort | sha256sum | cut -d' ' -f1
}

current="$(sources)"
if [[ ! -f "$out/Portal.Web.dll" || ! -f "$stamp" || "$(cat "$stamp")" != "$current" ]]; then
    echo "Building the portal (Release, ReadyToRun) into artifacts/portal ..." >&2
    # Its own intermediate folders (artifacts/build): a platform-specific restore in src/*/obj would make
    # the next `dotnet build` or `dotnet test` restore and compile again.
    dotnet publish "$repo/src/Portal.Web" -c Release --use-current-runtime --self-contained false \
        -p:PublishReadyToRun=true --artifacts-path "$repo/artifacts/build" -o "$out" -nologo -clp:ErrorsOnly >&2
    echo "$current" >"$stamp"
fi

cd "$repo/src/Portal.Web"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"
# The GC's smallest gen0 budget (32 MB): where it cannot read the processor's cache size, as on
# most virtual machines, its own choice collects every few searches (see the search README).
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x2000000}"
exec dotnet "$out/Portal.Web.dll" "$@"
