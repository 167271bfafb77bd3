#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds, runs every test project.
# Prints the runner's own summaries; .ci/run adds the totals line.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash tools/setup-test-env.sh
dotnet tool restore >/dev/null
dotnet build Portal.sln -c Release -nologo -clp:ErrorsOnly
dotnet test Portal.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
