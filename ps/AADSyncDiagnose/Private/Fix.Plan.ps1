# Fix.Plan.ps1 - the fix plan (schema aadsync-diagnose/fix-plan@1): WHAT to change, as data. The
# aadsync-diagnose driver decides it from a diagnosis and passes it as a JSON file; on a server without
# Node, New-AADSyncFixPlan builds it from parameters. Nothing in a plan is ever run as code: it names a
# proxy address, bypass regular expressions and which frameworks and registry views to touch, and every
# field is checked here before anything is read or written.

$script:AdsFixPlanSchema = 'aadsync-diagnose/fix-plan@1'
$script:AdsFrameworks = @('Framework64', 'Framework')

function Get-AdsFixList {
    # A list property of a JSON object or dictionary as a flat array (empty when absent). Get-AdsProp
    # keeps an array whole on return, so @(Get-AdsProp ...) would nest it.
    param($Object, [Parameter(Mandatory = $true)][string]$Name)
    $v = Get-AdsProp $Object $Name
    if ($null -eq $v) { return , @() }
    return , @($v)
}

function ConvertTo-AdsFixPlan {
    # A plan object (from JSON or New-AADSyncFixPlan) -> a checked hashtable:
    # @{ MachineConfig = $null | @{ ProxyAddress; UseDefaultCredentials; BypassOnLocal; BypassList; Frameworks }
    #    Tls12 = $null | @{ Views }; Reasons; Source }. Throws 'the plan: ...' on anything it cannot use.
    param([Parameter(Mandatory = $true)]$Plan)
    if ([string](Get-AdsProp $Plan 'schema') -ne $script:AdsFixPlanSchema) { throw "the plan: schema is not $script:AdsFixPlanSchema" }
    $out = @{ MachineConfig = $null; Tls12 = $null; Reasons = @((Get-AdsFixList $Plan 'reasons') | Where-Object { $_ } | ForEach-Object { [string]$_ })
              Source = [string](Get-AdsProp $Plan 'source') }
    $mc = Get-AdsProp $Plan 'machineConfig'
    if ($null -ne $mc) {
        $address = [string](Get-AdsProp $mc 'proxyAddress')
        $why = Test-AdsProxyAddress -Address $address
        if ($why) { throw "the plan: machineConfig.proxyAddress: $why" }
        $bypass = New-Object System.Collections.Generic.List[string]
        foreach ($b in (Get-AdsFixList $mc 'bypassList')) {
            if ($null -eq $b) { continue }
            $why = Test-AdsBypassRegex -Pattern ([string]$b)
            if ($why) { throw "the plan: bypass entry '$b': $why" }
            if ([string]$b -match '[\x00-\x1F]') { throw "the plan: bypass entry '$b' holds a control character" }
            $bypass.Add([string]$b)
        }
        $frameworks = @((Get-AdsFixList $mc 'frameworks') | Where-Object { $_ } | ForEach-Object { [string]$_ })
        if ($frameworks.Count -eq 0) { $frameworks = $script:AdsFrameworks }
        foreach ($f in $frameworks) { if ($script:AdsFrameworks -cnotcontains $f) { throw "the plan: unknown framework '$f' (Framework64 or Framework)" } }
        $bol = Get-AdsProp $mc 'bypassOnLocal'
        if ($null -eq $bol) { $bol = $true }
        $out.MachineConfig = @{ ProxyAddress = $address.TrimEnd('/'); UseDefaultCredentials = [bool](Get-AdsProp $mc 'useDefaultCredentials')
                                BypassOnLocal = [bool]$bol; BypassList = $bypass.ToArray(); Frameworks = @($frameworks | Select-Object -Unique) }
    }
    $tls = Get-AdsProp $Plan 'tls12'
    if ($null -ne $tls) {
        $views = @((Get-AdsFixList $tls 'views') | Where-Object { $_ } | ForEach-Object { [string]$_ })
        if ($views.Count -eq 0) { $views = @('64', '32') }
        foreach ($v in $views) { if (@('64', '32') -notcontains $v) { throw "the plan: unknown registry view '$v' (64 or 32)" } }
        $out.Tls12 = @{ Views = @($views | Select-Object -Unique) }
    }
    if ($null -eq $out.MachineConfig -and $null -eq $out.Tls12) { throw 'the plan names nothing to change (machineConfig, tls12)' }
    return $out
}

function ConvertTo-AdsFixPlanRecord {
    # A checked plan as the journal and the result show it (the plan's own JSON shape).
    param([Parameter(Mandatory = $true)][hashtable]$Plan)
    $rec = [ordered]@{ schema = $script:AdsFixPlanSchema; source = $Plan.Source; reasons = @($Plan.Reasons); machineConfig = $null; tls12 = $null }
    if ($Plan.MachineConfig) {
        $m = $Plan.MachineConfig
        $rec.machineConfig = [ordered]@{ proxyAddress = $m.ProxyAddress; useDefaultCredentials = [bool]$m.UseDefaultCredentials
                                         bypassOnLocal = [bool]$m.BypassOnLocal; bypassList = @($m.BypassList); frameworks = @($m.Frameworks) }
    }
    if ($Plan.Tls12) { $rec.tls12 = [ordered]@{ views = @($Plan.Tls12.Views) } }
    return $rec
}

function Get-AdsMachineConfigPath {
    # The machine.config of one framework folder on this server (Windows path).
    param([Parameter(Mandatory = $true)][ValidateSet('Framework64', 'Framework')][string]$Framework)
    return Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) "Microsoft.NET\$Framework\v4.0.30319\Config\machine.config"
}

function Get-AdsMachineConfigChanges {
    # The machine.config changes of a plan: one per framework, each with the bytes it would write, its
    # diff, and why it is refused when the file must be changed by hand. Reads only.
    param([Parameter(Mandatory = $true)][hashtable]$Section, [Parameter(Mandatory = $true)][string[]]$Frameworks)
    $changes = New-Object System.Collections.Generic.List[object]
    foreach ($fw in $Frameworks) {
        $path = Get-AdsMachineConfigPath -Framework $fw
        $c = @{ Kind = 'file'; Target = "machine.config ($fw)"; Path = $path; LocalPath = (Resolve-AdsFixPath -Path $path); Status = 'pending'; Reason = $null
                Action = $null; Summary = $null; Diff = ''; Encoding = $null; Newline = $null; Before = $null; After = $null; NewBytes = $null; BackupPath = $null }
        $changes.Add($c)
        if (-not (Test-Path -LiteralPath $c.LocalPath -PathType Leaf)) { $c.Status = 'absent'; $c.Reason = 'the file is not on this server'; continue }
        try {
            $bytes = [IO.File]::ReadAllBytes($c.LocalPath)
            $c.Before = [ordered]@{ sha256 = (Get-AdsBytesSha256 -Bytes $bytes); bytes = [long]$bytes.Length }
            $decoded = ConvertFrom-AdsFileBytes -Bytes $bytes
            $c.Encoding = $decoded.EncodingName
            $c.Newline = 'LF'
            if ((Get-AdsNewline -Text $decoded.Text) -eq "`r`n") { $c.Newline = 'CRLF' }
            $edit = Get-AdsMachineConfigEdit -Text $decoded.Text -Section $Section
            $c.Action = $edit.Action
            $c.Summary = $edit.Summary
            if ($edit.Action -eq 'unchanged') { $c.Status = 'unchanged'; $c.After = $c.Before; continue }
            $problems = Test-AdsMachineConfigText -Text $edit.Text -Section $Section
            if ($problems.Count -gt 0) { throw ('the edited file fails its check: ' + ($problems -join '; ')) }
            $newBytes = ConvertTo-AdsFileBytes -Text $edit.Text -Encoding $decoded.Encoding -Bom $decoded.Bom
            Assert-AdsOnlyRegionChanged -Old $bytes -New $newBytes -Decoded $decoded -Edit $edit
            $c.NewBytes = $newBytes
            $c.After = [ordered]@{ sha256 = (Get-AdsBytesSha256 -Bytes $newBytes); bytes = [long]$newBytes.Length }
            $c.Diff = Get-AdsUnifiedDiff -OldText $decoded.Text -NewText $edit.Text -OldLabel $path -NewLabel "$path (after the fix)"
        } catch {
            $c.Status = 'refused'
            $c.Reason = Get-AdsErrorText $_
        }
    }
    return , $changes.ToArray()
}

function Assert-AdsOnlyRegionChanged {
    # The edit's promise, checked on the bytes: everything before and after the edited region - the BOM,
    # every line end, every other character - is byte-identical in the new file. The region is known in
    # characters (the edit's Start and Removed); its byte bounds follow from the file's encoding.
    param([Parameter(Mandatory = $true)][byte[]]$Old, [Parameter(Mandatory = $true)][byte[]]$New, [Parameter(Mandatory = $true)][hashtable]$Decoded,
          [Parameter(Mandatory = $true)][hashtable]$Edit)
    $text = [string]$Decoded.Text
    $pre = $Decoded.Bom.Length + $Decoded.Encoding.GetByteCount($text.Substring(0, $Edit.Start))
    $post = $Decoded.Encoding.GetByteCount($text.Substring($Edit.Start + $Edit.Removed))
    if ($pre + $post -gt $New.Length) { throw 'the edited file is shorter than the part it keeps' }
    $sha = [Security.Cryptography.SHA256]::Create()
    try {
        $same = ([Convert]::ToBase64String($sha.ComputeHash($Old, 0, $pre)) -eq [Convert]::ToBase64String($sha.ComputeHash($New, 0, $pre))) -and
                ([Convert]::ToBase64String($sha.ComputeHash($Old, $Old.Length - $post, $post)) -eq [Convert]::ToBase64String($sha.ComputeHash($New, $New.Length - $post, $post)))
    } finally { $sha.Dispose() }
    if (-not $same) { throw 'the edit would change bytes outside the <defaultProxy> region; the file is left as it is' }
}
