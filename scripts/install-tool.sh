#!/usr/bin/env bash
# Packs the local host as a .NET tool and installs the `sbill` command into a tool path (default: out/tools); add that
# folder to PATH, or pass another one, e.g. ~/.dotnet/tools. The package goes to out/tool-package, or to
# SBILL_PACKAGE_DIR when set. The install reads that folder only (a NuGet config with it as the one source): the tool
# package carries every assembly it needs, so no feed is asked and the install works offline.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool_path="${1:-$root/out/tools}"
package_dir="${SBILL_PACKAGE_DIR:-$root/out/tool-package}"
mkdir -p "$package_dir"
package_dir="$(cd "$package_dir" && pwd)"

dotnet pack "$root/functions/ServerlessBilling.LocalHost" -c Release -o "$package_dir" -v q -nologo
config="$package_dir/nuget.config"
cat > "$config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="sbill" value="$package_dir" />
  </packageSources>
</configuration>
XML
if dotnet tool list --tool-path "$tool_path" 2>/dev/null | grep -qi '^serverlessbilling.localhost '; then
  dotnet tool update ServerlessBilling.LocalHost --tool-path "$tool_path" --configfile "$config"
else
  dotnet tool install ServerlessBilling.LocalHost --tool-path "$tool_path" --configfile "$config"
fi
echo "Installed: $tool_path/sbill (try: $tool_path/sbill --help)"
