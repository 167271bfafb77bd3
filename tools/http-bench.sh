#!/usr/bin/env bash
# The HTTP benchmark (tools/Portal.Eval http-bench): installs wrk if missing, then starts the Release
# portal (tools/run.sh) on a scratch copy of the data with the corpus imported and drives its routes.
#
#   bash tools/http-bench.sh                         # the corpus and both judged query sets beside the repository
#   bash tools/http-bench.sh --connections 64 --seconds 30
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
if ! command -v wrk >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    echo "http-bench: installing wrk" >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
defaults=(--corpus ../shared/corpus/regulations.jsonl --queries ../shared/eval/queries-dev.jsonl,tools/Portal.Eval/sets/queries-holdout.jsonl)
for arg in "$@"; do
    case "$arg" in --corpus|--data-dir|--queries) defaults=() ;; esac
done
exec dotnet run -c Release --project tools/Portal.Eval -- http-bench "${defaults[@]}" "$@"
