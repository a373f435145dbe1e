# Pester tests of ps/AADSyncDiagnose/Private/Fix.MachineConfig.ps1 (the machine.config edit) and
# Fix.Text.ps1 (bytes, encodings, the diff): every variant admins leave behind, and the files that must
# be left to a human.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    $script:Section = @{ ProxyAddress = 'http://proxy.contoso.com:8080'; UseDefaultCredentials = $false; BypassOnLocal = $true; BypassList = @() }
    function Edit([string]$Text, [hashtable]$Section = $script:Section) { Get-AdsMachineConfigEdit -Text $Text -Section $Section }
    function Get-ProxyNode([string]$Text) {
        $d = New-Object System.Xml.XmlDocument
        $d.LoadXml($Text)
        return $d.DocumentElement.SelectSingleNode('system.net/defaultProxy')
    }
}

Describe 'Get-AdsMachineConfigEdit' {
    It 'edits the variant "<_>" to one system.net with one defaultProxy holding the planned proxy, nothing else changed' -ForEach @($global:McVariants.Keys) {
        $old = $global:McVariants[$_]
        $e = Edit $old
        $e.Action | Should -BeIn @('insert-system.net', 'insert-defaultProxy', 'replace-defaultProxy')
        (Test-AdsMachineConfigText -Text $e.Text -Section $script:Section).Count | Should -Be 0
        (Get-ProxyNode $e.Text).SelectSingleNode('proxy').GetAttribute('proxyaddress') | Should -Be 'http://proxy.contoso.com:8080'
        # Outside the edited region every character is the old one.
        $e.Text.Substring(0, $e.Start) | Should -BeExactly $old.Substring(0, $e.Start)
        $e.Text.Substring($e.Text.Length - ($old.Length - $e.Start - $e.Removed)) | Should -BeExactly $old.Substring($e.Start + $e.Removed)
        # Inserted lines use the file's CRLF; no lone LF appears.
        ([regex]::Matches($e.Text, "(?<!`r)`n")).Count | Should -Be 0
    }
    It 'puts a new system.net section just before the end of configuration, indented like the other sections' {
        $e = Edit $global:McBase
        $e.Action | Should -Be 'insert-system.net'
        $e.Text | Should -Match "  </system.web>`r`n  <system.net>`r`n    <defaultProxy>`r`n      <proxy usesystemdefault=""true"" proxyaddress=""http://proxy.contoso.com:8080"" bypassonlocal=""true"" />`r`n    </defaultProxy>`r`n  </system.net>`r`n</configuration>"
    }
    It 'adds defaultProxy inside an existing system.net and keeps its other children' {
        $e = Edit $global:McVariants['system.net without defaultProxy']
        $e.Action | Should -Be 'insert-defaultProxy'
        $e.Text | Should -Match '<ipv6 enabled="true" />'
        ([regex]::Matches($e.Text, '<system\.net>')).Count | Should -Be 1
        $e.Text | Should -Match "    </settings>`r`n    <defaultProxy>"
    }
    It 'replaces another proxy in place, never adding a second section' {
        $e = Edit $global:McVariants['defaultProxy with another proxy']
        $e.Action | Should -Be 'replace-defaultProxy'
        $e.Text | Should -Not -Match 'oldproxy'
        ([regex]::Matches($e.Text, '<defaultProxy')).Count | Should -Be 1
    }
    It 'leaves a commented-out section as it is and adds a live one' {
        $old = $global:McVariants['commented-out section']
        $e = Edit $old
        $e.Action | Should -Be 'insert-system.net'
        $e.Text | Should -Match ([regex]::Escape('<!-- <system.net><defaultProxy><proxy proxyaddress="http://old:80" /></defaultProxy></system.net> -->'))
    }
    It 'opens up an empty system.net element' {
        $e = Edit $global:McVariants['empty system.net element']
        $e.Action | Should -Be 'insert-defaultProxy'
        $e.Text | Should -Match "  <system.net>`r`n    <defaultProxy>"
        $e.Text | Should -Not -Match '<system.net />'
    }
    It 'replaces a misspelt defaultproxy (ignored or refused by .NET) with the right spelling' {
        $e = Edit $global:McVariants['misspelt defaultproxy']
        $e.Action | Should -Be 'replace-defaultProxy'
        $e.Summary | Should -Match 'misspelt <defaultproxy>'
        $e.Text | Should -Not -MatchExactly '<defaultproxy>'
    }
    It 'says "unchanged" when the section already says what the plan says, also with usesystemdefault="false"' {
        $same = New-McVariant "  <system.net>`r`n    <defaultProxy>`r`n      <proxy usesystemdefault=""false"" proxyaddress=""http://proxy.contoso.com:8080/"" bypassonlocal=""true"" />`r`n    </defaultProxy>`r`n  </system.net>`r`n"
        (Edit $same).Action | Should -Be 'unchanged'
        (Edit $same -Section @{ ProxyAddress = 'http://proxy.contoso.com:8080'; UseDefaultCredentials = $true; BypassOnLocal = $true; BypassList = @() }).Action | Should -Be 'replace-defaultProxy'
    }
    It 'keeps usesystemdefault="false" when it rewrites a section' {
        $old = New-McVariant "  <system.net>`r`n    <defaultProxy>`r`n      <proxy usesystemdefault=""false"" proxyaddress=""http://old:3128"" />`r`n    </defaultProxy>`r`n  </system.net>`r`n"
        (Get-ProxyNode (Edit $old).Text).SelectSingleNode('proxy').GetAttribute('usesystemdefault') | Should -Be 'false'
    }
    It 'writes useDefaultCredentials and the bypass list when planned' {
        $s = @{ ProxyAddress = 'http://proxy.contoso.com:8080'; UseDefaultCredentials = $true; BypassOnLocal = $true; BypassList = @('\.contoso\.com$', 'intranet') }
        $n = Get-ProxyNode (Edit $global:McBase -Section $s).Text
        $n.GetAttribute('enabled') | Should -Be 'true'
        $n.GetAttribute('useDefaultCredentials') | Should -Be 'true'
        @($n.SelectNodes('bypasslist/add') | ForEach-Object { $_.GetAttribute('address') }) | Should -Be @('\.contoso\.com$', 'intranet')
    }
    It 'uses LF for inserted lines in an LF file, and tabs in a file indented with tabs' {
        $lf = $global:McBase.Replace("`r`n", "`n")
        $e = Edit $lf
        $e.Text | Should -Not -Match "`r"
        $tabs = $global:McBase.Replace("`r`n  ", "`r`n`t").Replace("`t  ", "`t`t")
        (Edit $tabs).Text | Should -Match "`r`n`t<system.net>`r`n`t`t<defaultProxy>"
    }
    It 'copes with a file that ends without a line break' {
        $e = Edit $global:McBase.TrimEnd()
        $e.Text | Should -Match '</system.net>\r\n</configuration>$'
    }
    It 'refuses <Name> and says why' -ForEach @(
        @{ Name = 'two system.net sections'; Text = (New-McVariant "  <system.net />`r`n  <system.net />`r`n"); Why = '*2 <system.net> sections*' }
        @{ Name = 'a file that is not well-formed'; Text = $global:McBase.Replace('</system.web>', '</system.wbe>'); Why = '*not well-formed*' }
        @{ Name = 'a defaultProxy outside system.net'; Text = (New-McVariant "  <defaultProxy />`r`n"); Why = '*outside <configuration><system.net>*' }
        @{ Name = 'a misspelt System.Net'; Text = (New-McVariant "  <System.Net />`r`n"); Why = '*misspelt*' }
        @{ Name = 'two defaultProxy sections'; Text = (New-McVariant "  <system.net>`r`n    <defaultProxy />`r`n    <defaultProxy />`r`n  </system.net>`r`n"); Why = '*2 <defaultProxy>*' }
        @{ Name = 'a custom proxy module'; Text = (New-McVariant "  <system.net>`r`n    <defaultProxy>`r`n      <module type=""X, Y"" />`r`n    </defaultProxy>`r`n  </system.net>`r`n"); Why = '*module*' }
        @{ Name = 'a DOCTYPE'; Text = $global:McBase.Replace('<configuration>', '<!DOCTYPE configuration><configuration>'); Why = '*' }
    ) {
        { Edit $Text } | Should -Throw $Why
    }
}

Describe 'Get-AdsXmlElements' {
    It 'finds elements with positions and skips comments, CDATA and processing instructions' {
        $t = '<?xml version="1.0"?><a x="1>2"><!-- <b/> --><![CDATA[<c/>]]><d/><e></e></a>'
        $els = Get-AdsXmlElements -Text $t
        @($els | ForEach-Object { $_.Name }) | Should -Be @('a', 'd', 'e')
        $t.Substring($els[1].Start, $els[1].End - $els[1].Start) | Should -Be '<d/>'
        $els[1].CloseStart | Should -Be -1
        $t.Substring($els[2].CloseStart, $els[2].End - $els[2].CloseStart) | Should -Be '</e>'
        $els[2].Parent | Should -Be 0
    }
    It 'refuses a tag that closes the wrong element' { { Get-AdsXmlElements -Text '<a><b></a></b>' } | Should -Throw '*closes*' }
}

Describe 'Find-AdsXmlEnd' {
    It 'returns the position after the terminator, and throws on a cut-off text' {
        Find-AdsXmlEnd 'ab-->c' 0 '-->' 'comment' | Should -Be 5
        { Find-AdsXmlEnd '<!-- open' 4 '-->' 'comment' } | Should -Throw '*never ends*'
    }
}

Describe 'Get-AdsLineStart' {
    It 'finds the start of the line of a position' { Get-AdsLineStart -Text "ab`r`n  cd" -Index 6 | Should -Be 4 }
}

Describe 'Get-AdsLineIndent' {
    It 'returns the leading spaces or tabs of the line' { Get-AdsLineIndent -Text "ab`n`t  cd" -Index 6 | Should -Be "`t  " }
}

Describe 'Test-AdsStartsLine' {
    It 'is true only when nothing but indentation precedes the position' {
        Test-AdsStartsLine -Text "a`n  <b>" -Index 4 | Should -BeTrue
        Test-AdsStartsLine -Text "a`n x<b>" -Index 4 | Should -BeFalse
        Test-AdsStartsLine -Text '<b>' -Index 0 | Should -BeTrue
    }
}

Describe 'Get-AdsIndentUnit' {
    It 'measures one level from <configuration> to its first child' {
        $t = "<configuration>`n    <a/>`n</configuration>"
        Get-AdsIndentUnit -Text $t -Elements (Get-AdsXmlElements -Text $t) | Should -Be '    '
    }
}

Describe 'New-AdsDefaultProxyText' {
    It 'writes the documented elements, escaping attribute values' {
        $t = New-AdsDefaultProxyText -Section @{ ProxyAddress = 'http://p:8080'; UseDefaultCredentials = $false; BypassOnLocal = $true; BypassList = @('a&b') } -Indent '  ' -Unit '  ' -Newline "`n"
        $t | Should -Be "<defaultProxy>`n    <proxy usesystemdefault=""true"" proxyaddress=""http://p:8080"" bypassonlocal=""true"" />`n    <bypasslist>`n      <add address=""a&amp;b"" />`n    </bypasslist>`n  </defaultProxy>"
    }
}

Describe 'Get-AdsChildElements' {
    It 'finds children by name, ignoring case' {
        $t = '<r><A/><a/><b/></r>'
        $found = Get-AdsChildElements -Elements (Get-AdsXmlElements -Text $t) -Parent 0 -Name "a"; $found | Should -Be @(1, 2)
    }
}

Describe 'Get-AdsLineNumber' {
    It 'counts lines from 1' { Get-AdsLineNumber -Text "a`nb`nc" -Index 4 | Should -Be 3 }
}

Describe 'New-AdsTextEdit' {
    It 'replaces the region and keeps its bounds' {
        $e = New-AdsTextEdit -Text 'abcdef' -Start 2 -Removed 2 -Insert 'XYZ' -Action 'a' -Summary 's'
        $e.Text | Should -Be 'abXYZef'
        $e.Start | Should -Be 2
        $e.Removed | Should -Be 2
    }
}

Describe 'ConvertTo-AdsXmlDocument' {
    It 'parses without DTDs and names what is broken' {
        (ConvertTo-AdsXmlDocument -Text '<a/>').DocumentElement.Name | Should -Be 'a'
        { ConvertTo-AdsXmlDocument -Text '<a>' -What 'the thing' } | Should -Throw 'the thing is not well-formed XML*'
        { ConvertTo-AdsXmlDocument -Text '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>' } | Should -Throw
    }
}

Describe 'Get-AdsXmlAttr' {
    It 'returns an attribute value or $null' {
        $d = ConvertTo-AdsXmlDocument -Text '<a b="1"/>'
        Get-AdsXmlAttr $d.DocumentElement 'b' | Should -Be '1'
        Get-AdsXmlAttr $d.DocumentElement 'c' | Should -BeNullOrEmpty
        Get-AdsXmlAttr $null 'c' | Should -BeNullOrEmpty
    }
}

Describe 'Test-AdsDefaultProxyMatches' {
    It 'compares address, credentials, bypassonlocal, bypass list, script and auto-detect' {
        $s = @{ ProxyAddress = 'http://p:8080'; UseDefaultCredentials = $false; BypassOnLocal = $true; BypassList = @('x') }
        $node = { param($x) (ConvertTo-AdsXmlDocument -Text $x).DocumentElement }
        Test-AdsDefaultProxyMatches -Node (& $node '<defaultProxy><proxy proxyaddress="http://p:8080" bypassonlocal="true"/><bypasslist><add address="x"/></bypasslist></defaultProxy>') -Section $s | Should -BeTrue
        Test-AdsDefaultProxyMatches -Node (& $node '<defaultProxy enabled="false"><proxy proxyaddress="http://p:8080" bypassonlocal="true"/><bypasslist><add address="x"/></bypasslist></defaultProxy>') -Section $s | Should -BeFalse
        Test-AdsDefaultProxyMatches -Node (& $node '<defaultProxy><proxy proxyaddress="http://p:8080" bypassonlocal="true" autoDetect="true"/><bypasslist><add address="x"/></bypasslist></defaultProxy>') -Section $s | Should -BeFalse
        Test-AdsDefaultProxyMatches -Node (& $node '<defaultProxy><proxy proxyaddress="http://p:8080" bypassonlocal="true"/></defaultProxy>') -Section $s | Should -BeFalse
    }
}

Describe 'Test-AdsMachineConfigText' {
    It 'finds the problems .NET would trip over' {
        $s = $script:Section
        (Test-AdsMachineConfigText -Text (Edit $global:McBase).Text -Section $s).Count | Should -Be 0
        (Test-AdsMachineConfigText -Text (New-McVariant "  <system.net><defaultProxy><proxy proxyAddress=""http://proxy.contoso.com:8080"" /></defaultProxy></system.net>`r`n") -Section $s) -join ';' | Should -Match 'does not know: proxyAddress'
        (Test-AdsMachineConfigText -Text (New-McVariant "  <system.net><defaultProxy><proxy proxyaddress=""http://proxy.contoso.com:8080"" /><bypasslist><add address=""*.contoso.com"" /></bypasslist></defaultProxy></system.net>`r`n") -Section $s) -join ';' | Should -Match 'not a valid regular expression'
        (Test-AdsMachineConfigText -Text '<configuration>' -Section $s) -join ';' | Should -Match 'not well-formed'
    }
}

Describe 'Test-AdsProxyAddress' {
    It 'accepts http://host:port and refuses <_>' -ForEach @('proxy.contoso.com:8080', 'https://proxy:8080', 'http://user:pw@proxy:8080', 'http://proxy', 'http://proxy:99999', 'http://proxy:8080/path', '') {
        Test-AdsProxyAddress -Address $_ | Should -Not -BeNullOrEmpty
    }
    It 'accepts names, IPv4 and IPv6 addresses' {
        foreach ($a in @('http://proxy.contoso.com:8080', 'http://10.0.0.1:3128', 'http://[fd00::1]:8080', 'http://proxy:8080/')) { Test-AdsProxyAddress -Address $a | Should -BeNullOrEmpty }
    }
}

Describe 'Test-AdsBypassRegex' {
    It 'accepts .NET regular expressions and refuses wildcards' {
        Test-AdsBypassRegex -Pattern '\.contoso\.com$' | Should -BeNullOrEmpty
        Test-AdsBypassRegex -Pattern '*.contoso.com' | Should -Match 'not a valid regular expression'
        Test-AdsBypassRegex -Pattern '' | Should -Match 'empty'
    }
}
