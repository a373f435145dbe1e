# Fix.Entry.ps1 - the entry script's -Fix and -Undo (ps/Invoke-AADSyncDiagnose.ps1): the plan from
# -FixPlan or from -ProxyAddress/-Tls12, the caller's -WhatIf/-Confirm/-Force passed on as they are,
# a readable account of every change on standard output, the result as JSON in -ResultPath (for the
# aadsync-diagnose driver), and the exit code.

$script:AdsFixParameterNames = @('Fix', 'FixPlan', 'ProxyAddress', 'UseDefaultCredentials', 'BypassList', 'Tls12', 'RestartService', 'RestartTimeoutSeconds', 'Undo', 'Force', 'ResultPath')

function Test-AdsFixRequested {
    # Whether the entry script was called for a fix or an undo (any fix parameter given).
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Bound)
    foreach ($n in $script:AdsFixParameterNames) { if ((@($Bound.Keys) -contains $n)) { return $true } }
    return $false
}

function Invoke-AdsFixEntry {
    # Returns the exit code: 0 preview, applied, nothing to do, undone; 2 bad parameters, not elevated,
    # or a change that must be made by hand (nothing changed); 3 a change failed (rolled back: nothing
    # changed) or an undo left something as it was.
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Bound)
    $get = { param($n, $d) if ((@($Bound.Keys) -contains $n)) { return $Bound[$n] } return $d }
    $whatIf = [bool](& $get 'WhatIf' $false)
    # Passed on as -WhatIf below; here (writing -ResultPath) it must not apply.
    $WhatIfPreference = $false
    $common = @{ WhatIf = $whatIf }
    if ((@($Bound.Keys) -contains 'Confirm')) { $common.Confirm = [bool]$Bound['Confirm'] }
    if ([bool](& $get 'Force' $false)) { $common.Force = $true }
    $sim = [string](& $get 'SimulationPath' '')
    if ($sim) { $common.SimulationPath = $sim }
    $restart = [bool](& $get 'RestartService' $false)
    $timeout = [int](& $get 'RestartTimeoutSeconds' 600)
    $resultPath = [string](& $get 'ResultPath' '')
    $undo = [bool](& $get 'Undo' $false)
    $fix = [bool](& $get 'Fix' $false)
    $result = $null
    $code = 0
    try {
        if ($undo -and $fix) { throw (New-Object ArgumentException '-Fix and -Undo do not go together') }
        if (-not $undo -and -not $fix) { throw (New-Object ArgumentException 'add -Fix (with -FixPlan or -ProxyAddress/-Tls12), or -Undo') }
        if ($undo) {
            $journal = Find-AdsFixJournal -OutDir ([string]$Bound['OutDir'])
            $result = Undo-AADSyncFix -JournalPath $journal -RestartService:$restart -RestartTimeoutSeconds $timeout @common
        } else {
            $planFile = [string](& $get 'FixPlan' '')
            if ($planFile) {
                foreach ($n in @('ProxyAddress', 'UseDefaultCredentials', 'BypassList', 'Tls12')) { if ((@($Bound.Keys) -contains $n)) { throw (New-Object ArgumentException "-$n does not go with -FixPlan (the plan says it)") } }
                $result = Invoke-AADSyncFix -PlanPath $planFile -OutDir ([string]$Bound['OutDir']) -RestartService:$restart -RestartTimeoutSeconds $timeout @common
            } else {
                $planArgs = @{ Reason = @('Invoke-AADSyncDiagnose.ps1 -Fix') }
                foreach ($n in @('ProxyAddress', 'UseDefaultCredentials', 'BypassList', 'Tls12')) { if ((@($Bound.Keys) -contains $n)) { $planArgs[$n] = $Bound[$n] } }
                if (-not $planArgs.ContainsKey('ProxyAddress') -and -not $planArgs.ContainsKey('Tls12')) { throw (New-Object ArgumentException '-Fix needs -FixPlan, or -ProxyAddress and/or -Tls12 (aadsync-diagnose analyze says which)') }
                $plan = New-AADSyncFixPlan @planArgs -ErrorAction Stop
                $result = Invoke-AADSyncFix -Plan $plan -OutDir ([string]$Bound['OutDir']) -RestartService:$restart -RestartTimeoutSeconds $timeout @common
            }
        }
        switch ([string]$result.status) {
            'refused' { $code = 2 }
            'rolled-back' { $code = 3 }
            'rollback-failed' { $code = 3 }
            'partly-undone' { $code = 3 }
            default { $code = 0 }
        }
    } catch {
        $category = [string]$_.CategoryInfo.Category
        $message = Get-AdsErrorText $_
        $result = [ordered]@{ schema = 'aadsync-diagnose/fix-result@1'; mode = 'fix'; status = 'refused'; error = $message; changes = @(); notes = @() }
        if ($undo) { $result.mode = 'undo' }
        if ([string]$_.FullyQualifiedErrorId -like 'AadsyncNotElevated*') { $result.status = 'not-elevated' }
        if ($category -eq 'InvalidArgument' -or $category -eq 'PermissionDenied' -or $_.Exception -is [ArgumentException]) { $code = 2 }
        else { $code = 3; $result.status = 'failed' }
        [Console]::Error.WriteLine('Invoke-AADSyncDiagnose: ' + $message)
    }
    if ($resultPath) { Write-AdsTextFile -Path $resultPath -Text (ConvertTo-AdsJson -InputObject $result) }
    # The console, not the pipeline: the caller takes only the exit code from this function.
    $lines = Format-AdsFixResult -Result $result
    foreach ($line in $lines) { [Console]::Out.WriteLine($line) }
    [Console]::Out.Flush()
    return $code
}

function Format-AdsFixResult {
    # The result in words, for an admin at the console: each change with its status and diff.
    param([Parameter(Mandatory = $true)]$Result)
    $lines = New-Object System.Collections.Generic.List[string]
    $lines.Add("$((Get-AdsProp $Result 'mode')): $((Get-AdsProp $Result 'status'))")
    foreach ($c in (Get-AdsFixList $Result 'changes')) {
        if ($null -eq $c) { continue }
        $what = [string](Get-AdsProp $c 'summary')
        if (Get-AdsProp $c 'reason') { $what = [string](Get-AdsProp $c 'reason') }
        $lines.Add("  [$((Get-AdsProp $c 'status'))] $((Get-AdsProp $c 'target')): $what")
        $diff = [string](Get-AdsProp $c 'diff')
        if ($diff) { foreach ($d in ($diff.TrimEnd("`n") -split "`n")) { $lines.Add('    ' + $d.TrimEnd("`r")) } }
    }
    if (Get-AdsProp $Result 'journalPath') { $lines.Add("  journal: $((Get-AdsProp $Result 'journalPath'))") }
    $r = Get-AdsProp $Result 'restart'
    if ($r) { $lines.Add("  restart: $((Get-AdsProp $r 'status')) - $((Get-AdsProp $r 'detail'))") }
    if (Get-AdsProp $Result 'error') { $lines.Add("  $((Get-AdsProp $Result 'error'))") }
    foreach ($n in (Get-AdsFixList $Result 'notes')) { if ($n) { $lines.Add("  note: $n") } }
    return , $lines.ToArray()
}
