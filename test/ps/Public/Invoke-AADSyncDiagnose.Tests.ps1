# Pester tests of the public function Invoke-AADSyncDiagnose, run against the simulator (a fresh copy
# of a scenario per test: the simulator keeps its state per scenario folder).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    function Copy-Scenario([string]$Name) {
        $d = Join-Path ([IO.Path]::GetTempPath()) ('ads-scn-' + [guid]::NewGuid().ToString('n'))
        Copy-Item -LiteralPath (Join-Path $script:Root 'scenarios' $Name) -Destination $d -Recurse
        return $d
    }
    function New-OutDir { Join-Path ([IO.Path]::GetTempPath()) ('ads-out-' + [guid]::NewGuid().ToString('n')) }
    # Progress lines go to [Console]::Out; keep them out of the test output.
    function Invoke-Quiet([scriptblock]$Body) {
        $old = [Console]::Out
        [Console]::SetOut([IO.TextWriter]::Null)
        try { & $Body } finally { [Console]::SetOut($old) }
    }
}

Describe 'Invoke-AADSyncDiagnose' {
    It 'writes the bundle and returns ExitCode 0 when every step is ok or skipped' {
        $out = New-OutDir
        $scn = Copy-Scenario 'healthy'
        $r = Invoke-Quiet { Invoke-AADSyncDiagnose -OutDir $out -SimulationPath $scn -StepTimeoutSeconds 60 -Confirm:$false }
        $r.ExitCode | Should -Be 0
        @($r.Steps | ForEach-Object { $_.name }) | Should -Be @('preflight', 'proxy-config', 'sync-cycle', 'events', 'traces', 'probes')
        (Get-Content -Raw (Join-Path $out 'sync' 'cycle.json') | ConvertFrom-Json).started | Should -BeTrue
        Get-Content -Raw (Join-Path $out 'manifest.json') | Should -Match '"finishedAt":"[^"]+Z"'
    }
    It '-WhatIf collects everything but starts no sync cycle, and says why in cycle.json' {
        $out = New-OutDir
        $scn = Copy-Scenario 'healthy'
        $r = Invoke-Quiet { Invoke-AADSyncDiagnose -OutDir $out -SimulationPath $scn -StepTimeoutSeconds 60 -WhatIf }
        $r.ExitCode | Should -Be 0
        $c = Get-Content -Raw (Join-Path $out 'sync' 'cycle.json') | ConvertFrom-Json
        $c.started | Should -BeFalse
        $c.skippedReason | Should -Be 'not-requested'
        $c.error | Should -Match 'not confirmed'
        # The files of the other steps are written for real (-WhatIf is about the cycle only).
        Test-Path (Join-Path $out 'config' 'wininet.json') | Should -BeTrue
        Test-Path (Join-Path $out 'events') | Should -BeTrue
        [AppDomain]::CurrentDomain.GetData('AADSyncDiagnose.Simulation').CycleStartedAt | Should -BeNullOrEmpty
    }
    It '-Verbose says what each step did' {
        $out = New-OutDir
        $scn = Copy-Scenario 'proxy-bypass'
        $verbose = Invoke-Quiet { Invoke-AADSyncDiagnose -OutDir $out -SimulationPath $scn -StepTimeoutSeconds 60 -Sync None -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message } }
        $verbose | Should -Contain 'Step preflight: Service ADSync: Running, account NT SERVICE\ADSync'
        @($verbose | Where-Object { $_ -like 'Step proxy-config: Copied C:\Windows\Microsoft.NET\Framework64\*machine.config*' }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like 'Step events: Get-WinEvent Application, provider ADSync, since *' }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like 'Step sync-cycle: skipped in * ms: not-requested' }).Count | Should -Be 1
    }
    It 'ends by saying what the folder holds and what is safe to attach, and counts what it removed in the manifest (issue 15 A6)' {
        $out = New-OutDir
        $scn = Copy-Scenario 'proxy-auth'
        # A proxy password in the current user's WinINET settings (obviously fake).
        $json = Get-Content -Raw (Join-Path $scn 'scenario.json') | ConvertFrom-Json
        $json.registry.'HKU\S-1-5-21-3623811015-3361044348-30300820-1104\Software\Microsoft\Windows\CurrentVersion\Internet Settings'.ProxyServer = 'svc-proxy:P@ssw0rd-FAKE-1@proxy.contoso.com:8080'
        [IO.File]::WriteAllText((Join-Path $scn 'scenario.json'), ($json | ConvertTo-Json -Depth 32))
        $said = Invoke-Quiet { Invoke-AADSyncDiagnose -OutDir $out -SimulationPath $scn -StepTimeoutSeconds 60 -Sync None 6>&1 }
        $r = @($said | Where-Object { $_ -is [psobject] -and $_.PSObject.Properties['ExitCode'] })[0]
        $lines = @($said | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { [string]$_.MessageData })
        $r.SecretsRemoved | Should -Be 1
        $lines[0] | Should -Be "bundle folder: $out (secrets removed: 1; identities kept: user, host and domain names)"
        $lines[1] | Should -Match '^not to be attached to a ticket as it is\. For a report that is safe to attach'
        $lines[2] | Should -Be "  aadsync-diagnose analyze `"$out`" --redact --format markdown"
        $m = Get-Content -Raw (Join-Path $out 'manifest.json') | ConvertFrom-Json
        $m.collectorRedaction.secrets | Should -Be 1
        $m.collectorRedaction.identities | Should -Be 'kept'
        @($m.collectorRedaction.files | ForEach-Object { "$($_.path)=$($_.secrets)" }) | Should -Be @('config/wininet.json=1')
        $m.redaction | Should -BeNullOrEmpty
        Get-Content -Raw (Join-Path $out 'config' 'wininet.json') | Should -Match 'svc-proxy:\[REDACTED\]@proxy\.contoso\.com:8080'
    }
    It 'collects nothing without the redaction rules: a NotInstalled error before the folder is made' {
        $out = New-OutDir
        $saved = & $script:AdsModule { $script:AdsRedaction }
        & $script:AdsModule { $script:AdsRedaction = Import-AdsRedactionRules -Json $null }
        try {
            $err = $null
            $r = Invoke-AADSyncDiagnose -OutDir $out -Sync None -ErrorAction SilentlyContinue -ErrorVariable err
        } finally { & $script:AdsModule { param($v) $script:AdsRedaction = $v } $saved }
        $r | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'NotInstalled'
        $err[0].Exception.Message | Should -Match 'redaction rules \(schema/redaction-rules\.json\) were not found beside the module; nothing was collected'
        Test-Path -LiteralPath $out | Should -BeFalse
    }
    It 'refuses an OutDir that is not empty with an InvalidArgument error, writing nothing' {
        $out = New-OutDir
        [void](New-Item -ItemType Directory -Path $out)
        [IO.File]::WriteAllText((Join-Path $out 'keep.txt'), 'x')
        $err = $null
        $r = Invoke-AADSyncDiagnose -OutDir $out -Sync None -ErrorAction SilentlyContinue -ErrorVariable err
        $r | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Match 'is not empty'
        @(Get-ChildItem -LiteralPath $out).Name | Should -Be @('keep.txt')
    }
}
