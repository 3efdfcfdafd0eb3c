#!/usr/bin/env bash
# Packs the local host as a .NET tool into out/tool-package and installs the `sbill` command into a tool path
# (default: out/tools); add that folder to PATH, or pass another one, e.g. ~/.dotnet/tools.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool_path="${1:-$root/out/tools}"
package_dir="$root/out/tool-package"

dotnet pack "$root/functions/ServerlessBilling.LocalHost" -c Release -o "$package_dir" -v q -nologo
if dotnet tool list --tool-path "$tool_path" 2>/dev/null | grep -qi '^serverlessbilling.localhost '; then
  dotnet tool update ServerlessBilling.LocalHost --tool-path "$tool_path" --add-source "$package_dir"
else
  dotnet tool install ServerlessBilling.LocalHost --tool-path "$tool_path" --add-source "$package_dir"
fi
echo "Installed: $tool_path/sbill (try: $tool_path/sbill --help)"
