#!/usr/bin/env bash
# Cold-start figures of the portal: seconds from launch to the first 200 on /health, to the first
# 200 on / that shows seeded content, the first response time of every public route, and the
# CPU seconds and resident memory of the process once the home page has answered. Each run uses a new empty data folder
# and starts the portal twice on it: "first" seeds content/ into an empty database, "second" is an
# ordinary restart.
#
#   bash tools/measure-start.sh                 # the Release build: dotnet bin/Release/.../Portal.Web.dll
#   bash tools/measure-start.sh --runs 5
#   bash tools/measure-start.sh --mode run      # dotnet run --project src/Portal.Web (the development command)
#   bash tools/measure-start.sh --mode run --run-args "-c Release"
#   bash tools/measure-start.sh --no-build      # measure what is already built
#   bash tools/measure-start.sh --published DIR # a `dotnet publish` output (as in the Docker image)
#   bash tools/measure-start.sh --mode script   # bash tools/run.sh, the README's run command (ReadyToRun build)
#
# Prints one line per start and the min / median per figure at the end. The machine should be
# otherwise idle; compare before/after figures from the same sitting.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

runs=3
mode=dll
port=5099
build=1
run_args=""
published=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --mode) mode="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --run-args) run_args="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --published) mode=published; published="$(cd "$2" && pwd)"; build=0; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

dll="$repo/src/Portal.Web/bin/Release/net10.0/Portal.Web.dll"
if [[ $build == 1 ]]; then
    if [[ $mode == dll ]]; then
        dotnet build -c Release src/Portal.Web -nologo -clp:ErrorsOnly >/dev/null
    elif [[ $mode == script ]]; then
        # Let tools/run.sh bring its build up to date once, outside the figures.
        timeout 600 bash tools/run.sh --urls "http://127.0.0.1:$port" --Portal:DataDirectory="$(mktemp -d)" >/dev/null 2>&1 &
        for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 1; done
        kill -TERM $! 2>/dev/null || true
        wait $! || true
    else
        # dotnet run builds by itself; build once here so the figures show its up-to-date check, not a compile.
        # shellcheck disable=SC2086
        dotnet build src/Portal.Web -nologo -clp:ErrorsOnly $run_args >/dev/null
    fi
fi

url="http://127.0.0.1:$port"
routes=(/documents /documents/1 /materials /materials/spisanie-uchebnoi-literatury /neb /search?q=%D1%81%D0%BF%D0%B8%D1%81%D0%B0%D0%BD%D0%B8%D0%B5 /account/login)
results="$(mktemp)"
pid=""

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

stop() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        # The portal runs in its own process group (setsid), so dotnet run's child goes too.
        kill -TERM -- "-$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    pid=""
}
trap 'stop; rm -f "$results"' EXIT

# Resident memory (MiB) of the process that serves: the launched one, or under dotnet run its child.
rss_mib() {
    local p="$1" best=0 kb
    for q in "$p" $(pgrep -P "$p" || true); do
        kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$q/status" 2>/dev/null || echo 0)"
        [[ "${kb:-0}" -gt "$best" ]] && best="$kb"
    done
    echo $((best / 1024))
}

# CPU seconds (user + system) the serving process and its children have used so far: less sensitive
# than wall time to other work on the machine.
cpu_s() {
    local p="$1" ticks=0 t
    for q in "$p" $(pgrep -P "$p" || true); do
        t="$(awk '{ print $14 + $15 }' "/proc/$q/stat" 2>/dev/null || echo 0)"
        ticks=$((ticks + t))
    done
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

start_once() {
    local label="$1" data="$2" log="$3" t0 t_health="" t_home="" body code
    t0="$(now)"
    if [[ $mode == dll ]]; then
        # From the project folder, as dotnet run does: the content root holds appsettings.json and wwwroot/.
        (cd src/Portal.Web && exec setsid dotnet "$dll" --urls "$url" --Portal:DataDirectory="$data") >"$log" 2>&1 &
    elif [[ $mode == script ]]; then
        setsid bash tools/run.sh --urls "$url" --Portal:DataDirectory="$data" >"$log" 2>&1 &
    elif [[ $mode == published ]]; then
        (cd "$published" && exec setsid dotnet Portal.Web.dll --urls "$url" --Portal:DataDirectory="$data" --Portal:ContentDirectory="$repo/content") >"$log" 2>&1 &
    else
        # shellcheck disable=SC2086
        setsid dotnet run --project src/Portal.Web $run_args -- --urls "$url" --Portal:DataDirectory="$data" >"$log" 2>&1 &
    fi
    pid=$!
    local deadline=$(( $(date +%s) + 120 ))
    while [[ -z "$t_health" ]]; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/health" || true)"
        if [[ "$code" == 200 ]]; then t_health="$(now)"; break; fi
        [[ $(date +%s) -lt $deadline ]] || { echo "no /health within 120 s; log: $log" >&2; stop; return 1; }
        sleep 0.02
    done
    while [[ -z "$t_home" ]]; do
        body="$(curl -s --max-time 30 -w '\n%{http_code}' "$url/" || true)"
        if [[ "${body##*$'\n'}" == 200 ]] && grep -q 'href="/materials/[a-z]' <<<"$body" && grep -q 'href="/documents/[0-9]' <<<"$body"; then
            t_home="$(now)"
            break
        fi
        [[ $(date +%s) -lt $deadline ]] || { echo "no content on / within 120 s; log: $log" >&2; stop; return 1; }
        sleep 0.02
    done
    local cpu; cpu="$(cpu_s "$pid")"
    local rss; rss="$(rss_mib "$pid")"
    local line; line="$(printf '%-6s health %5ss  home+content %5ss  cpu %5ss  rss %4s MiB' "$label" "$(elapsed "$t0" "$t_health")" "$(elapsed "$t0" "$t_home")" "$cpu" "$rss")"
    local route_times="" r t
    for r in "${routes[@]}"; do
        t="$(curl -s -o /dev/null -w '%{http_code}:%{time_total}' --max-time 30 "$url$r")"
        route_times+="$(printf ' %s=%s' "$r" "$t")"
    done
    echo "$line |$route_times"
    echo "$label $(elapsed "$t0" "$t_health") $(elapsed "$t0" "$t_home") $cpu $rss" >>"$results"
    stop
}

for i in $(seq 1 "$runs"); do
    data="$(mktemp -d)"
    start_once first "$data" "$data.first.log"
    start_once second "$data" "$data.second.log"
    rm -rf "$data" "$data.first.log" "$data.second.log"
done

echo
echo "mode=$mode${run_args:+ ($run_args)} runs=$runs                 min  median"
for label in first second; do
    for col in 2 3 4 5; do
        name=([2]="launch→/health s" [3]="launch→/ with content s" [4]="CPU s until content" [5]="RSS MiB")
        awk -v l="$label" -v c="$col" '$1 == l { print $c }' "$results" | sort -g | awk -v l="$label" -v n="${name[$col]}" '
            { v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%-6s %-26s %6s %6s\n", l, n, v[1], m }'
    done
done
