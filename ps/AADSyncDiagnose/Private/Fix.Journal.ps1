# Fix.Journal.ps1 - the journal of one fix (schema aadsync-diagnose/fix-journal@1): what was planned,
# every change with its backup and the SHA-256 of the file before and after (or the registry value's
# previous kind and data, or its absence), the restart, and later the undo. It is written before the
# first change and again after every change, each time whole and atomically, so a crash in the middle
# still leaves a journal that says what may have changed and where the backups are. It goes into the
# output folder; `aadsync-diagnose run` puts it into the next bundle (docs/bundle-format.md).

$script:AdsFixJournalSchema = 'aadsync-diagnose/fix-journal@1'

function New-AdsFixId {
    # The fix's id: its UTC start time, yyyyMMddTHHmmssZ (file-name safe, sorts by time).
    return (Get-Date).ToUniversalTime().ToString('yyyyMMdd\THHmmss\Z', [Globalization.CultureInfo]::InvariantCulture)
}

function New-AdsFixJournalFolder {
    # <OutDir>\aadsync-fix-<host>-<id>, new (a -2, -3 ... suffix when it exists).
    param([Parameter(Mandatory = $true)][string]$OutDir, [Parameter(Mandatory = $true)][string]$HostName, [Parameter(Mandatory = $true)][string]$Id)
    if (-not (Test-Path -LiteralPath $OutDir)) { [void](New-Item -ItemType Directory -Path $OutDir -Force -ErrorAction Stop) }
    $h = ($HostName -replace '[^A-Za-z0-9-]', '_')
    if (-not $h) { $h = 'host' }
    $base = Join-Path $OutDir ("aadsync-fix-$h-$Id")
    $dir = $base
    for ($i = 2; Test-Path -LiteralPath $dir; $i++) { $dir = "$base-$i" }
    [void](New-Item -ItemType Directory -Path $dir -ErrorAction Stop)
    return (Resolve-Path -LiteralPath $dir).ProviderPath
}

function ConvertTo-AdsFixChangeRecord {
    # One change as the journal and the result show it (no file bytes, no local paths).
    param([Parameter(Mandatory = $true)][hashtable]$Change)
    $r = [ordered]@{ kind = $Change.Kind; target = $Change.Target; status = $Change.Status; reason = $Change.Reason; action = $Change.Action; summary = $Change.Summary }
    if ($Change.Kind -eq 'file') {
        $r.path = $Change.Path; $r.backupPath = $Change.BackupPath; $r.encoding = $Change.Encoding; $r.newline = $Change.Newline
    } else {
        $r.view = $Change.View; $r.key = $Change.Key; $r.subKey = $Change.SubKey; $r.name = $Change.Name; $r.keyCreated = [bool]$Change.KeyCreated
    }
    $r.before = $Change.Before
    $r.after = $Change.After
    $r.diff = $Change.Diff
    return $r
}

function Save-AdsFixJournal {
    # The whole journal, atomically (a crash leaves the previous version or this one).
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Journal, [Parameter(Mandatory = $true)][string]$Path)
    Write-AdsTextFile -Path $Path -Text (ConvertTo-AdsJson -InputObject $Journal)
}

function Read-AdsFixJournal {
    # A journal file -> its object; throws when it is not one.
    param([Parameter(Mandatory = $true)][string]$Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw "no journal at '$Path'" }
    try { $j = [IO.File]::ReadAllText($Path) | ConvertFrom-Json } catch { throw "'$Path' is not a fix journal (not JSON: $(Get-AdsErrorText $_))" }
    if ([string](Get-AdsProp $j 'schema') -ne $script:AdsFixJournalSchema) { throw "'$Path' is not a fix journal (schema is not $script:AdsFixJournalSchema)" }
    return $j
}

function Find-AdsFixJournal {
    # The journal an undo takes back: $OutDir\journal.json when $OutDir is a fix folder, else the newest
    # journal of $OutDir\aadsync-fix-*\ whose fix is applied and not yet undone. Throws when there is none.
    param([Parameter(Mandatory = $true)][string]$OutDir)
    if (-not (Test-Path -LiteralPath $OutDir -PathType Container)) { throw (New-Object ArgumentException "no folder '$OutDir'") }
    $own = Join-Path $OutDir 'journal.json'
    if (Test-Path -LiteralPath $own -PathType Leaf) { return (Resolve-Path -LiteralPath $own).ProviderPath }
    $best = $null
    $bestId = ''
    foreach ($d in @(Get-ChildItem -LiteralPath $OutDir -Directory -Filter 'aadsync-fix-*' -ErrorAction Stop)) {
        $p = Join-Path $d.FullName 'journal.json'
        if (-not (Test-Path -LiteralPath $p -PathType Leaf)) { continue }
        try { $j = Read-AdsFixJournal -Path $p } catch { continue }
        if (@('applied', 'partly-undone') -notcontains [string](Get-AdsProp $j 'status')) { continue }
        $id = [string](Get-AdsProp $j 'id') + '|' + $d.Name
        if ([string]::CompareOrdinal($id, $bestId) -gt 0) { $best = $p; $bestId = $id }
    }
    if (-not $best) { throw (New-Object ArgumentException "no applied fix to undo in '$OutDir' (a journal aadsync-fix-*\journal.json with status applied)") }
    return $best
}

function ConvertFrom-AdsFixChangeRecord {
    # A journal change record -> the change hashtable the apply and restore functions work on.
    param([Parameter(Mandatory = $true)]$Record)
    $c = @{ Kind = [string](Get-AdsProp $Record 'kind'); Target = [string](Get-AdsProp $Record 'target'); Status = [string](Get-AdsProp $Record 'status')
            Reason = Get-AdsProp $Record 'reason'; Action = Get-AdsProp $Record 'action'; Summary = Get-AdsProp $Record 'summary'
            Before = Get-AdsProp $Record 'before'; After = Get-AdsProp $Record 'after'; Diff = [string](Get-AdsProp $Record 'diff') }
    if ($c.Kind -eq 'file') {
        $c.Path = [string](Get-AdsProp $Record 'path'); $c.BackupPath = [string](Get-AdsProp $Record 'backupPath')
        $c.LocalPath = Resolve-AdsFixPath -Path $c.Path
        $c.Encoding = Get-AdsProp $Record 'encoding'; $c.Newline = Get-AdsProp $Record 'newline'
    } elseif ($c.Kind -eq 'registry') {
        $c.View = [string](Get-AdsProp $Record 'view'); $c.Key = [string](Get-AdsProp $Record 'key'); $c.SubKey = [string](Get-AdsProp $Record 'subKey')
        $c.Name = [string](Get-AdsProp $Record 'name'); $c.KeyCreated = [bool](Get-AdsProp $Record 'keyCreated')
    } else { throw "unknown change kind '$($c.Kind)' in the journal" }
    return $c
}
