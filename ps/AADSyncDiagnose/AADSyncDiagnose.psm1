# AADSyncDiagnose.psm1 - the aadsync-diagnose collector as a PowerShell module (source layout).
#
# Runs on Windows PowerShell 5.1 (the ADSync module is a Windows PowerShell module); tested on pwsh 7
# with the simulator, so: no PS7-only syntax or cmdlets, ASCII only (docs/DEVELOPING.md).
#
#   Public/   one exported function per file, with its comment-based help (Get-Help shows it)
#   Private/  the helpers; Private/Seam.ps1 holds the only functions that read the machine
#
# This loader dot-sources the files. For servers that want one file (signing, AppLocker rules),
# scripts/build-ps.mjs writes <out>/AADSyncDiagnose/AADSyncDiagnose.psm1 with the same files
# inlined in the same order, and test/ps/build.test.ts checks that the built file is what ships.

Set-StrictMode -Version 2.0
$script:ModuleRoot = $PSScriptRoot

# The secret rules (issue 15 A6), as data: schema/redaction-rules.json, generated from src/redact/secrets.ts,
# two folders up from here (the repository and the npm package ship ps/ beside schema/). The built module
# carries the same file inline instead. Absent or unreadable: Private/Redaction.ps1 records why, and the
# collector refuses to write a bundle (docs/bundle-format.md, "What the collector removes").
$script:AdsRedactionRulesSource = Join-Path (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'schema') 'redaction-rules.json'
$script:AdsRedactionRulesJson = $null
if (Test-Path -LiteralPath $script:AdsRedactionRulesSource -PathType Leaf) {
    $script:AdsRedactionRulesJson = Get-Content -LiteralPath $script:AdsRedactionRulesSource -Raw -Encoding UTF8
}

foreach ($folder in @('Private', 'Public')) {
    foreach ($file in @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot $folder) -Filter '*.ps1' | Sort-Object Name)) {
        . $file.FullName
    }
}

# Only the public functions (one per file, named after it); the manifest lists the same names.
Export-ModuleMember -Verbose:$false -Function @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'Public') -Filter '*.ps1' | ForEach-Object { $_.BaseName })
