#!/usr/bin/env bash
# Installs PowerShell 7.6.9 (a .NET tool) and Pester (from NuGet) under .tools/. Idempotent.
# Tests find them at .tools/pwsh/pwsh and .tools/pester/Pester.psd1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/.tools"
PWSH_VERSION=7.6.9
PESTER_VERSION=5.7.1
mkdir -p "$tools"
if [ ! -x "$tools/pwsh/pwsh" ] || ! "$tools/pwsh/pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' | grep -qx "$PWSH_VERSION"; then
  dotnet tool install PowerShell --version "$PWSH_VERSION" --tool-path "$tools/pwsh"
fi
if [ ! -f "$tools/pester/Pester.psd1" ]; then
  work="$(mktemp -d)"
  cat > "$work/fetch.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PESTER_VERSION]" /></ItemGroup>
</Project>
XML
  dotnet restore "$work/fetch.csproj" --packages "$work/packages" >/dev/null
  rm -rf "$tools/pester"
  cp -r "$work/packages/pester/$PESTER_VERSION/tools" "$tools/pester"
  rm -rf "$work"
fi
"$tools/pwsh/pwsh" -NoProfile -NonInteractive -Command "Import-Module '$tools/pester/Pester.psd1'; (Get-Module Pester).Version.ToString()"
