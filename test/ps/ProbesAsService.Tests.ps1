# ps/Invoke-AADSyncProbesAsService.ps1 with Task Scheduler stood in for (the ScheduledTasks module
# exists only on Windows): global functions with the real cmdlets' names and parameters that keep the
# registered tasks in a table, and a fake icacls.exe under a fake %SystemRoot%. Each test runs the real
# script in this process.

BeforeAll {
    $script:Script = Join-Path $PSScriptRoot '..' '..' 'ps' 'Invoke-AADSyncProbesAsService.ps1'
    $script:Probe = Join-Path $PSScriptRoot '..' '..' 'ps' 'Invoke-AADSyncProbes.ps1'
    function global:New-ScheduledTaskAction { param([string]$Execute, [string]$Argument, [string]$WorkingDirectory) @{ Execute = $Execute; Argument = $Argument; WorkingDirectory = $WorkingDirectory } }
    function global:New-ScheduledTaskPrincipal { param([string]$UserId, [string]$LogonType, [string]$RunLevel) @{ UserId = $UserId; LogonType = $LogonType } }
    function global:New-ScheduledTaskSettingsSet { param($ExecutionTimeLimit, [switch]$AllowStartIfOnBatteries, [switch]$DontStopIfGoingOnBatteries) @{} }
    function global:Register-ScheduledTask { param([string]$TaskName, $Action, $Principal, $Settings) $global:FakeTasks[$TaskName] = @{ Action = $Action; Principal = $Principal; State = 'Ready'; Result = 267011 }; $TaskName }
    function global:Start-ScheduledTask { param([string]$TaskName) & $global:FakeTaskRun $global:FakeTasks[$TaskName] }
    function global:Stop-ScheduledTask { param([string]$TaskName) }
    function global:Get-ScheduledTask { param([string]$TaskName) if ($global:FakeTasks.ContainsKey($TaskName)) { [pscustomobject]@{ TaskName = $TaskName; State = $global:FakeTasks[$TaskName].State } } }
    function global:Get-ScheduledTaskInfo { param([string]$TaskName) [pscustomobject]@{ LastTaskResult = $global:FakeTasks[$TaskName].Result } }
    function global:Unregister-ScheduledTask { param([string]$TaskName, [switch]$Confirm) [void]$global:FakeTasks.Remove($TaskName); $global:Unregistered += $TaskName }
    # The script writes its one line to [Console]::Out (not the pipeline): capture that.
    function Invoke-AsServiceLine([hashtable]$Arguments) {
        $sw = New-Object IO.StringWriter
        $old = [Console]::Out
        [Console]::SetOut($sw)
        try { & $script:Script @Arguments | Out-Null } finally { [Console]::SetOut($old) }
        return (@($sw.ToString() -split "`r?`n") | Where-Object { $_ -like '{*' } | Select-Object -Last 1)
    }
    function Invoke-AsService([hashtable]$Arguments) { Invoke-AsServiceLine $Arguments | ConvertFrom-Json }
}

Describe 'Invoke-AADSyncProbesAsService.ps1' -Skip:($IsWindows) {
    BeforeEach {
        $global:FakeTasks = @{}
        $global:Unregistered = @()
        $script:oldPd = $env:ProgramData; $script:oldSr = $env:SystemRoot
        $env:ProgramData = Join-Path $TestDrive 'ProgramData'
        $env:SystemRoot = Join-Path $TestDrive 'Windows'
        [void](New-Item -ItemType Directory -Force -Path $env:ProgramData)
        [void](New-Item -ItemType Directory -Force -Path $env:SystemRoot)
        # A fake icacls.exe where the script looks for it (Join-Path turns the backslash into / off Windows).
        $script:IcaclsLog = Join-Path $TestDrive 'icacls.log'
        [void](New-Item -ItemType Directory -Force -Path (Join-Path $env:SystemRoot 'System32'))
        $icacls = Join-Path $env:SystemRoot 'System32' 'icacls.exe'
        Set-Content -LiteralPath $icacls -Value "#!/bin/sh`nprintf '%s|' `"`$@`" >> '$script:IcaclsLog'`necho processed file: `"`$1`"`nexit 0"
        & chmod +x $icacls
    }

    AfterEach { $env:ProgramData = $script:oldPd; $env:SystemRoot = $script:oldSr }

    It 'a gMSA without "Log on as a batch job": one line that names the right, and everything removed' {
        $global:FakeTaskRun = { param($t) $t.Result = 2147943785 }
        $o = Invoke-AsService @{ ProbeScript = $script:Probe; OutDir = (Join-Path $TestDrive 'out'); ServiceAccount = 'CONTOSO\gmsa-adsync$'; TimeoutSeconds = 10; TaskId = 'aaaaaaaaaaaa' }
        $o.status | Should -Be 'failed'
        $o.error | Should -Match "could not log on as CONTOSO\\gmsa-adsync\$ \(0x80070569\): .*'Log on as a batch job' \(SeBatchLogonRight\), and this one does not hold it"
        $global:Unregistered | Should -Be @('aadsync-diagnose-probe-aaaaaaaaaaaa')
        Test-Path (Join-Path $env:ProgramData 'aadsync-diagnose') | Should -BeFalse
        # The gMSA got a Password (batch) logon and Modify on its folder only, through icacls.
        (Get-Content -Raw $script:IcaclsLog) | Should -Match ([regex]::Escape('aadsync-diagnose') + '.probe-aaaaaaaaaaaa\|/grant\|CONTOSO\\gmsa-adsync\$:\(OI\)\(CI\)M\|')
    }
    It 'NT SERVICE\ADSync: the task runs with a ServiceAccount logon, its result is copied out, then removed' {
        $global:FakeTaskRun = {
            param($t)
            $t.Principal.LogonType | Should -Be 'ServiceAccount'
            $outDir = Join-Path $t.Action.WorkingDirectory 'out'
            [void](New-Item -ItemType Directory -Force -Path $outDir)
            Set-Content -LiteralPath (Join-Path $outDir 'probes-service.json') -Value '{"schema":"aadsync-diagnose/probes@1","as":"service","results":[]}'
            $t.Result = 0
        }
        $o = Invoke-AsService @{ ProbeScript = $script:Probe; OutDir = (Join-Path $TestDrive 'out'); ServiceAccount = 'NT SERVICE\ADSync'; TimeoutSeconds = 10; TaskId = 'bbbbbbbbbbbb' }
        $o.status | Should -Be 'ok'
        $o.taskId | Should -Be 'bbbbbbbbbbbb'
        (Get-Content -Raw (Join-Path $TestDrive 'out' 'probes-service.json')) | Should -Match '"as":"service"'
        $global:FakeTasks.Count | Should -Be 0
        Test-Path (Join-Path $env:ProgramData 'aadsync-diagnose') | Should -BeFalse
    }
    It '-Cleanup removes the task and the folder left by a run that was killed' {
        $global:FakeTasks['aadsync-diagnose-probe-cccccccccccc'] = @{ State = 'Running'; Result = 267011 }
        [void](New-Item -ItemType Directory -Force -Path (Join-Path $env:ProgramData 'aadsync-diagnose' 'probe-cccccccccccc' 'out'))
        $o = Invoke-AsService @{ Cleanup = $true; TaskId = 'cccccccccccc' }
        $o.status | Should -Be 'cleaned'
        @($o.removed).Count | Should -Be 3
        $global:FakeTasks.Count | Should -Be 0
        Test-Path (Join-Path $env:ProgramData 'aadsync-diagnose') | Should -BeFalse
    }
    It 'refuses a task id that is not 12 hex digits (it becomes a path)' {
        { & $script:Script -Cleanup -TaskId '..\..\Windows' } | Should -Throw
    }
    It 'prints its one line in ASCII, a German account name as \u escapes' {
        $line = Invoke-AsServiceLine @{ ProbeScript = $script:Probe; OutDir = (Join-Path $TestDrive 'out'); ServiceAccount = ('KONTOSO\J' + [char]0xFC + 'rgen'); TaskId = 'dddddddddddd' }
        $line | Should -Not -Match '[^\x00-\x7F]'
        $line | Should -Match 'KONTOSO\\\\J\\u00fcrgen'
        ($line | ConvertFrom-Json).status | Should -Be 'skipped'
    }
}

Describe 'Get-AdsTaskLogonType' {
    BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
    It 'maps accounts to the logon type the standalone script uses (the two must agree)' {
        $scriptText = Get-Content -Raw $script:Script
        foreach ($case in @(@('NT SERVICE\ADSync', 'ServiceAccount'), @('NT AUTHORITY\SYSTEM', 'ServiceAccount'), @('CONTOSO\gmsa-adsync$', 'Password'), @('CONTOSO\svc-adsync', $null))) {
            Get-AdsTaskLogonType -Account $case[0] | Should -Be $case[1]
        }
        # The standalone script carries the same two patterns.
        $scriptText | Should -Match ([regex]::Escape('''^NT SERVICE\\[A-Za-z0-9_.-]+$'''))
        $scriptText | Should -Match ([regex]::Escape('''^[A-Za-z0-9_.-]+\\[A-Za-z0-9_.-]+\$$'''))
    }
}

Describe 'Test-AdsTaskPrincipal' {
    BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }
    It 'without -Register says what would be tried and registers nothing' {
        $global:FakeTasks = @{}
        $r = Test-AdsTaskPrincipal -Account 'NT SERVICE\ADSync'
        $r.status | Should -Be 'skipped'
        $r.detail | Should -Match 'LogonType ServiceAccount; not tried'
        $global:FakeTasks.Count | Should -Be 0
        (Test-AdsTaskPrincipal -Account 'CONTOSO\svc-adsync').detail | Should -Match 'user account'
    }
    It 'with -Register registers a disabled task with the account, reports it, and removes it' {
        $global:FakeTasks = @{}
        $global:Unregistered = @()
        $r = Test-AdsTaskPrincipal -Account 'CONTOSO\gmsa-adsync$' -Register
        $r.status | Should -Be 'ok'
        $r.detail | Should -Match 'accepted CONTOSO\\gmsa-adsync\$ with LogonType Password.*Log on as a batch job'
        @($global:Unregistered).Count | Should -Be 1
        $global:FakeTasks.Count | Should -Be 0
    }
    It 'reports Task Scheduler''s refusal as failed, and still removes what it registered' {
        $global:FakeTasks = @{}
        function global:Register-ScheduledTask { param([string]$TaskName, $Action, $Principal, $Settings) throw 'No mapping between account names and security IDs was done. (Exception from HRESULT: 0x80070534)' }
        try {
            $r = Test-AdsTaskPrincipal -Account 'NT SERVICE\ADSync' -Register
            $r.status | Should -Be 'failed'
            $r.detail | Should -Match 'refused NT SERVICE\\ADSync with LogonType ServiceAccount: No mapping'
        } finally {
            function global:Register-ScheduledTask { param([string]$TaskName, $Action, $Principal, $Settings) $global:FakeTasks[$TaskName] = @{ Action = $Action; Principal = $Principal; State = 'Ready'; Result = 267011 }; $TaskName }
        }
    }
}
