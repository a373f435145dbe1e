# Constants.ps1 - module-wide values.

$script:SchemaPrefix = 'aadsync-diagnose'
# Full or Constrained Language (AppLocker/WDAC, issue 13.10): in Constrained Language only core types
# can be created or have their methods called, and runspaces and Add-Type are blocked. Every place that
# needs more asks Test-AdsFullLanguage and has a cmdlet-only path beside it.
$script:LanguageMode = [string]$ExecutionContext.SessionState.LanguageMode
$script:Utf8NoBom = $null
if ($script:LanguageMode -eq 'FullLanguage') { $script:Utf8NoBom = New-Object System.Text.UTF8Encoding $false }
$script:InternetSettingsKey = 'Software\Microsoft\Windows\CurrentVersion\Internet Settings'
$script:ProxyEnvNames = @('HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY')
# Classic Application-log sources of the sync engine, writeback and Connect Health (docs/windows-facts.md 4.1).
# The Health agent's source names are not enumerated by any source: a wildcard catches them.
$script:EventProviders = @('ADSync', 'Directory Synchronization', 'PasswordResetService', 'AzureADConnectHealth*')
# Characters XML 1.0 does not allow, removed from rendered messages (compiled once: used per event).
$script:XmlControlChars = New-Object System.Text.RegularExpressions.Regex '[\x00-\x08\x0B\x0C\x0E-\x1F]', ([System.Text.RegularExpressions.RegexOptions]::Compiled)
# Events kept per provider and run: a busy server logs a 906 every 30 minutes per connector, so this
# is weeks of them; the cap bounds the bundle on a server that logs thousands an hour.
$script:MaxEventsPerProvider = 20000

function Test-AdsFullLanguage {
    # True in Full Language mode: .NET types, runspaces and Add-Type may be used.
    return ($script:LanguageMode -eq 'FullLanguage')
}
