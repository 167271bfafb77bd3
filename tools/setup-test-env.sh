#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, idempotently and quietly:
#   - Debian's chromium (browser tests drive it through Playwright),
#   - PostgreSQL (the baseline engine of the search benchmark),
#   - axe-core from npm (accessibility checks injected into pages).
# Safe to run again: every step checks first.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v python3 >/dev/null 2>&1 || need+=(python3)
fc-list 2>/dev/null | grep -qi "dejavu" || need+=(fonts-dejavu-core)

if [ ${#need[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    echo "setup: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq >/dev/null
    $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f "$repo/tests/browser/node_modules/axe-core/axe.min.js" ]; then
    (cd "$repo/tests/browser" && npm install --no-audit --no-fund --no-package-lock --silent >/dev/null)
fi
