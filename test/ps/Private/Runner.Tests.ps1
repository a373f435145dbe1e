# Pester tests of ps/AADSyncDiagnose/Private/Runner.ps1: real worker runspaces, real timeouts.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Invoke-AdsBoundedStep' {
    BeforeAll {
        $script:wctx = @{ ModulePath = $script:ModuleManifest; SimulatorPath = $null; ScenarioPath = $null; ModuleImported = $false; AdSync = (New-AdsAdSyncRecord) }
    }
    It 'returns the step result, and a thrown error as failed' {
        $w = New-AdsWorker -Context $wctx
        try {
            [void]$w.PowerShell.AddScript('function global:Invoke-OkStep { param($Context) $Context.Seen = $true; [ordered]@{ status = "skipped"; error = "why"; notes = @("n1") } }; function global:Invoke-BadStep { param($Context) throw "Access is denied" }').Invoke()
            $shared = @{}
            $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-OkStep' -Context $shared -TimeoutSeconds 10
            $r.status | Should -Be 'skipped'
            $r.error | Should -Be 'why'
            @($r.notes) | Should -Be @('n1')
            $shared.Seen | Should -BeTrue
            $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-BadStep' -Context @{} -TimeoutSeconds 10
            $r.status | Should -Be 'failed'
            $r.error | Should -Be 'Access is denied'
        } finally { Close-AdsWorker $w }
    }
    It 'stops a step that runs too long' {
        $w = New-AdsWorker -Context $wctx
        try {
            $ps = $w.PowerShell
            # A step function defined in the worker that sleeps interruptibly.
            [void]$ps.AddScript('function global:Invoke-SlowStep { param($Context) Start-Sleep -Seconds 60; @{ status = "ok" } }'); [void]$ps.Invoke()
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-SlowStep' -Context @{} -TimeoutSeconds 1
            $r.status | Should -Be 'timeout'
            $r.abandoned | Should -BeFalse
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        } finally { Close-AdsWorker $w }
    }
    It 'abandons a step that ignores the stop request' {
        $w = New-AdsWorker -Context $wctx
        $ps = $w.PowerShell
        [void]$ps.AddScript('function global:Invoke-StuckStep { param($Context) [System.Threading.Thread]::Sleep(20000) }'); [void]$ps.Invoke()
        $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-StuckStep' -Context @{} -TimeoutSeconds 1
        $r.status | Should -Be 'timeout'
        $r.abandoned | Should -BeTrue
        $r.error | Should -Match 'abandoned'
    }
}

Describe 'New-AdsWorker' {
    It 'opens a runspace with the module loaded and the context shared by reference' {
        $ctx = @{ ModulePath = $script:ModuleManifest; SimulatorPath = $null; ScenarioPath = $null; ModuleImported = $false; AdSync = (New-AdsAdSyncRecord) }
        $w = New-AdsWorker -Context $ctx
        try {
            [void]$w.PowerShell.AddScript('param($c) $c.Touched = (Get-Module AADSyncDiagnose).Name').AddArgument($ctx).Invoke()
            $ctx.Touched | Should -Be 'AADSyncDiagnose'
            $w.Runspace.RunspaceStateInfo.State | Should -Be 'Opened'
        } finally { Close-AdsWorker $w }
    }
}

Describe 'Close-AdsWorker' {
    It 'closes the runspace, and accepts $null' {
        $ctx = @{ ModulePath = $script:ModuleManifest; SimulatorPath = $null; ScenarioPath = $null; ModuleImported = $false; AdSync = (New-AdsAdSyncRecord) }
        $w = New-AdsWorker -Context $ctx
        Close-AdsWorker $w
        $w.Runspace.RunspaceStateInfo.State | Should -BeIn @('Closed', 'Closing')
        { Close-AdsWorker $null } | Should -Not -Throw
    }
}

Describe 'Invoke-AdsSequentialStep' {
    It 'runs the step here and returns the same shape as the bounded runner; a throw is failed' {
        & $script:AdsModule { function script:Invoke-TestSeqOk { param($Context) $Context.Ran = $true; @{ status = 'ok'; error = $null; notes = @('n') } } }
        & $script:AdsModule { function script:Invoke-TestSeqBad { param($Context) throw 'Access is denied' } }
        $ctx = @{}
        $r = Invoke-AdsSequentialStep -Function 'Invoke-TestSeqOk' -Context $ctx
        $r.status | Should -Be 'ok'
        @($r.notes) | Should -Be @('n')
        $r.abandoned | Should -BeFalse
        $ctx.Ran | Should -BeTrue
        $r = Invoke-AdsSequentialStep -Function 'Invoke-TestSeqBad' -Context @{}
        $r.status | Should -Be 'failed'
        $r.error | Should -Be 'Access is denied'
    }
}
