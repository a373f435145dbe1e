# Baseline: what an admin does by hand. Counts lines matching a failure phrase.
param([Parameter(Mandatory = $true)][string]$Path, [string]$Pattern = 'could not be resolved')
$sw = [Diagnostics.Stopwatch]::StartNew()
$n = (Select-String -LiteralPath $Path -Pattern $Pattern -SimpleMatch | Measure-Object).Count
$sw.Stop()
[Console]::Out.WriteLine((ConvertTo-Json -Compress @{ ms = $sw.Elapsed.TotalMilliseconds; matches = $n }))
