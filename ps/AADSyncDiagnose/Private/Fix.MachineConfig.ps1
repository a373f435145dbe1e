# Fix.MachineConfig.ps1 - the ONE implementation of the machine.config <defaultProxy> edit.
#
# The file is edited as text, never re-serialized: an XML DOM would rewrite quotes, whitespace and
# comments all over the file. The elements are located by a small scanner (comments, CDATA and
# processing instructions are skipped, so a commented-out section is never taken for a live one), the
# one region that changes is replaced, and every other character stays. .NET reads the section only at
# /configuration/system.net/defaultProxy, spelled exactly so (docs/proxy-layers.md): an existing one
# is edited in place, a missing one is inserted into the existing <system.net>, and only a file with
# no <system.net> gets a new one, just before </configuration> as Microsoft documents it.

$script:AdsXmlTagRegex = New-Object System.Text.RegularExpressions.Regex ('\G<(/?)([A-Za-z_:][-A-Za-z0-9_:.]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|''[^'']*''))*)\s*(/?)>')

function Get-AdsXmlElements {
    # Every element of a well-formed XML text with its character positions:
    # @{ Name; Start (of '<'); OpenEnd (after the start tag's '>'); CloseStart (of '</', or -1 when
    #    empty); End (after the last '>'); Parent (index, -1 for the root); Depth }.
    # Comments, CDATA sections and processing instructions are skipped; a DOCTYPE is refused (a DTD
    # could redefine what the text means, and machine.config has none).
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text)
    $elements = New-Object System.Collections.Generic.List[object]
    $stack = New-Object System.Collections.Generic.List[int]
    $pos = 0
    while ($true) {
        $lt = $Text.IndexOf('<', $pos)
        if ($lt -lt 0) { break }
        if ([string]::CompareOrdinal($Text, $lt, '<!--', 0, 4) -eq 0) { $pos = Find-AdsXmlEnd $Text ($lt + 4) '-->' 'comment'; continue }
        if ([string]::CompareOrdinal($Text, $lt, '<![CDATA[', 0, 9) -eq 0) { $pos = Find-AdsXmlEnd $Text ($lt + 9) ']]>' 'CDATA section'; continue }
        if ([string]::CompareOrdinal($Text, $lt, '<?', 0, 2) -eq 0) { $pos = Find-AdsXmlEnd $Text ($lt + 2) '?>' 'processing instruction'; continue }
        if ([string]::CompareOrdinal($Text, $lt, '<!', 0, 2) -eq 0) { throw "a DOCTYPE or other declaration at character $lt; machine.config has none, so the file is left as it is" }
        $m = $script:AdsXmlTagRegex.Match($Text, $lt)
        if (-not $m.Success) { throw "an unreadable tag at character $lt" }
        $name = $m.Groups[2].Value
        $end = $lt + $m.Length
        if ($m.Groups[1].Value -eq '/') {
            if ($stack.Count -eq 0) { throw "</$name> closes nothing" }
            $open = $elements[$stack[$stack.Count - 1]]
            if ($open.Name -cne $name) { throw "</$name> closes <$($open.Name)>" }
            $open.CloseStart = $lt
            $open.End = $end
            $stack.RemoveAt($stack.Count - 1)
        } else {
            $parent = -1
            if ($stack.Count -gt 0) { $parent = $stack[$stack.Count - 1] }
            $e = @{ Name = $name; Start = $lt; OpenEnd = $end; CloseStart = -1; End = $end; Parent = $parent; Depth = $stack.Count }
            $elements.Add($e)
            if ($m.Groups[4].Value -ne '/') { $stack.Add($elements.Count - 1) }
        }
        $pos = $end
    }
    if ($stack.Count -gt 0) { throw "<$($elements[$stack[$stack.Count - 1]].Name)> is never closed" }
    return , $elements.ToArray()
}

function Find-AdsXmlEnd {
    # The position after $Terminator, searched from $From; a missing one means the text is cut.
    param([string]$Text, [int]$From, [string]$Terminator, [string]$What)
    $i = $Text.IndexOf($Terminator, $From, [StringComparison]::Ordinal)
    if ($i -lt 0) { throw "a $What that never ends" }
    return ($i + $Terminator.Length)
}

function Get-AdsLineStart {
    # The index of the first character of the line that holds character $Index.
    param([string]$Text, [int]$Index)
    if ($Index -le 0) { return 0 }
    return ($Text.LastIndexOf("`n", $Index - 1) + 1)
}

function Get-AdsLineIndent {
    # The whitespace at the start of the line that holds character $Index.
    param([string]$Text, [int]$Index)
    $lineStart = Get-AdsLineStart -Text $Text -Index $Index
    $i = $lineStart
    while ($i -lt $Text.Length -and ($Text[$i] -eq ' ' -or $Text[$i] -eq "`t")) { $i++ }
    return $Text.Substring($lineStart, $i - $lineStart)
}

function Test-AdsStartsLine {
    # Whether only spaces or tabs stand between the start of its line and character $Index.
    param([string]$Text, [int]$Index)
    $lineStart = Get-AdsLineStart -Text $Text -Index $Index
    return ((Get-AdsLineIndent -Text $Text -Index $Index).Length -ge ($Index - $lineStart))
}

function Get-AdsIndentUnit {
    # One level of indentation as the file writes it: the indent of <configuration>'s first child less
    # the root's own (two spaces in Microsoft's machine.config), a tab when the file indents with tabs.
    param([string]$Text, [object[]]$Elements)
    $root = $Elements[0]
    foreach ($e in $Elements) {
        if ($e.Parent -eq 0 -and (Test-AdsStartsLine -Text $Text -Index $e.Start)) {
            $inner = Get-AdsLineIndent -Text $Text -Index $e.Start
            $outer = Get-AdsLineIndent -Text $Text -Index $root.Start
            if ($inner.Length -gt $outer.Length -and $inner.StartsWith($outer)) { return $inner.Substring($outer.Length) }
        }
    }
    return '  '
}

function New-AdsDefaultProxyText {
    # The <defaultProxy> section the fix writes, as lines (the first without indentation, the others
    # with $Indent), joined with $Newline. The same elements and attributes as the documented section
    # (docs/proxy-layers.md; the rules' machineConfigSnippet): an explicit proxyaddress with
    # usesystemdefault="true" and bypassonlocal="true", enabled="true" useDefaultCredentials="true" when
    # the proxy needs Windows credentials, and the <bypasslist> regular expressions when there are any.
    # An existing section's usesystemdefault="false" is kept (Section.UseSystemDefault): an admin's choice
    # not to merge the account's Internet Options is not the fix's to undo.
    param([Parameter(Mandatory = $true)][hashtable]$Section, [string]$Indent = '', [string]$Unit = '  ', [string]$Newline = "`r`n")
    $esc = { param($s) [System.Security.SecurityElement]::Escape([string]$s) }
    $open = '<defaultProxy>'
    if ($Section.UseDefaultCredentials) { $open = '<defaultProxy enabled="true" useDefaultCredentials="true">' }
    $bol = 'false'
    if ($Section.BypassOnLocal) { $bol = 'true' }
    $lines = New-Object System.Collections.Generic.List[string]
    $lines.Add($open)
    $usd = 'true'
    if ($Section.ContainsKey('UseSystemDefault') -and [string]$Section.UseSystemDefault -eq 'false') { $usd = 'false' }
    $lines.Add($Indent + $Unit + '<proxy usesystemdefault="' + $usd + '" proxyaddress="' + (& $esc $Section.ProxyAddress) + '" bypassonlocal="' + $bol + '" />')
    $bypass = @(@($Section.BypassList) | Where-Object { $_ })
    if ($bypass.Count -gt 0) {
        $lines.Add($Indent + $Unit + '<bypasslist>')
        foreach ($b in $bypass) { $lines.Add($Indent + $Unit + $Unit + '<add address="' + (& $esc $b) + '" />') }
        $lines.Add($Indent + $Unit + '</bypasslist>')
    }
    $lines.Add($Indent + '</defaultProxy>')
    return ($lines.ToArray() -join $Newline)
}

function Get-AdsChildElements {
    param([object[]]$Elements, [int]$Parent, [string]$Name)
    $out = @()
    for ($i = 0; $i -lt $Elements.Length; $i++) {
        if ($Elements[$i].Parent -eq $Parent -and $Elements[$i].Name -ieq $Name) { $out += $i }
    }
    return , $out
}

function Get-AdsLineNumber {
    param([string]$Text, [int]$Index)
    return (([regex]::Matches($Text.Substring(0, $Index), "`n")).Count + 1)
}

function Get-AdsMachineConfigEdit {
    # The edit of one machine.config text for the plan's section. Pure: text in, text out.
    # Returns @{ Action; Text; Summary } where Action is 'unchanged' (the section already says what the
    # plan says), 'replace-defaultProxy', 'insert-defaultProxy' or 'insert-system.net'. Throws, with the
    # reason, when the file must be fixed by hand: not well-formed, two sections, a misspelt
    # <system.net>, a <defaultProxy> outside <system.net>, a custom proxy <module>.
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text, [Parameter(Mandatory = $true)][hashtable]$Section)
    $doc = ConvertTo-AdsXmlDocument -Text $Text -What 'the file as it is'
    $elements = Get-AdsXmlElements -Text $Text
    if ($elements.Length -eq 0 -or $elements[0].Name -cne 'configuration') { throw 'its root element is not <configuration>' }
    foreach ($i in @(0..($elements.Length - 1))) {
        $e = $elements[$i]
        if ($e.Name -ieq 'defaultProxy' -and ($e.Parent -lt 0 -or $elements[$e.Parent].Name -ine 'system.net' -or $elements[$e.Parent].Parent -ne 0)) {
            # <section name="defaultProxy"> of <configSections> is an element named "section": not this.
            throw "<$($e.Name)> at line $(Get-AdsLineNumber $Text $e.Start) is outside <configuration><system.net>, where .NET does not read it (and may refuse the file): move or remove it by hand"
        }
    }
    $nets = Get-AdsChildElements -Elements $elements -Parent 0 -Name 'system.net'
    if ($nets.Length -gt 1) { throw "it has $($nets.Length) <system.net> sections (lines $((@($nets | ForEach-Object { Get-AdsLineNumber $Text $elements[$_].Start })) -join ', ')); .NET refuses a section that appears twice: merge them by hand" }
    $newline = $null
    if ($nets.Length -eq 1) {
        $net = $elements[$nets[0]]
        if ($net.Name -cne 'system.net') { throw "<$($net.Name)> at line $(Get-AdsLineNumber $Text $net.Start) is misspelt (.NET configuration is case-sensitive: <system.net>): fix it by hand" }
        $proxies = Get-AdsChildElements -Elements $elements -Parent $nets[0] -Name 'defaultProxy'
        if ($proxies.Length -gt 1) { throw "it has $($proxies.Length) <defaultProxy> sections in <system.net>; .NET refuses a section that appears twice: remove one by hand" }
        if ($proxies.Length -eq 1) {
            $dp = $elements[$proxies[0]]
            $node = $doc.DocumentElement.SelectSingleNode('system.net/*[translate(local-name(), "DEFAULTPROXY", "defaultproxy") = "defaultproxy"]')
            if ($null -ne $node.SelectSingleNode('module')) { throw 'its <defaultProxy> uses a custom proxy <module>: change it by hand' }
            if ($dp.Name -ceq 'defaultProxy' -and (Test-AdsDefaultProxyMatches -Node $node -Section $Section)) {
                return (New-AdsTextEdit -Text $Text -Start 0 -Removed 0 -Insert '' -Action 'unchanged' -Summary 'the <defaultProxy> section already says what the plan says')
            }
            $indent = Get-AdsLineIndent -Text $Text -Index $dp.Start
            $unit = Get-AdsIndentUnit -Text $Text -Elements $elements
            $newline = Get-AdsNewline -Text $Text -Index $dp.Start
            $keep = $Section.Clone()
            $usd = Get-AdsXmlAttr $node.SelectSingleNode('proxy') 'usesystemdefault'
            if ($usd -eq 'false') { $keep.UseSystemDefault = 'false' }
            $replacement = New-AdsDefaultProxyText -Section $keep -Indent $indent -Unit $unit -Newline $newline
            $what = 'the existing <defaultProxy> section replaced in place'
            if ($dp.Name -cne 'defaultProxy') { $what = "the misspelt <$($dp.Name)> replaced by <defaultProxy> in place" }
            return (New-AdsTextEdit -Text $Text -Start $dp.Start -Removed ($dp.End - $dp.Start) -Insert $replacement -Action 'replace-defaultProxy' -Summary ($what + " (line $(Get-AdsLineNumber $Text $dp.Start))"))
        }
        # <system.net> without <defaultProxy>: the section goes in as its last child.
        $unit = Get-AdsIndentUnit -Text $Text -Elements $elements
        $netIndent = Get-AdsLineIndent -Text $Text -Index $net.Start
        $newline = Get-AdsNewline -Text $Text -Index $net.Start
        $sectionText = New-AdsDefaultProxyText -Section $Section -Indent ($netIndent + $unit) -Unit $unit -Newline $newline
        if ($net.CloseStart -lt 0) {
            # <system.net/>: opened up around the new section.
            $tag = $Text.Substring($net.Start, $net.End - $net.Start)
            $opening = ($tag -replace '\s*/>$', '>')
            $block = $opening + $newline + $netIndent + $unit + $sectionText + $newline + $netIndent + '</system.net>'
            return (New-AdsTextEdit -Text $Text -Start $net.Start -Removed ($net.End - $net.Start) -Insert $block -Action 'insert-defaultProxy' -Summary "<defaultProxy> added to the empty <system.net/> (line $(Get-AdsLineNumber $Text $net.Start))")
        }
        $at = $net.CloseStart
        if (Test-AdsStartsLine -Text $Text -Index $at) {
            $lineStart = $at - (Get-AdsLineIndent -Text $Text -Index $at).Length
            $insert = $netIndent + $unit + $sectionText + $newline
            return (New-AdsTextEdit -Text $Text -Start $lineStart -Removed 0 -Insert $insert -Action 'insert-defaultProxy' -Summary "<defaultProxy> added inside the existing <system.net> (line $(Get-AdsLineNumber $Text $net.Start))")
        }
        $insert = $newline + $netIndent + $unit + $sectionText + $newline + $netIndent
        return (New-AdsTextEdit -Text $Text -Start $at -Removed 0 -Insert $insert -Action 'insert-defaultProxy' -Summary "<defaultProxy> added inside the existing <system.net> (line $(Get-AdsLineNumber $Text $net.Start))")
    }
    # No <system.net>: a new one just before </configuration>.
    $root = $elements[0]
    if ($root.CloseStart -lt 0) { throw 'its <configuration/> element is empty' }
    $unit = Get-AdsIndentUnit -Text $Text -Elements $elements
    $rootIndent = Get-AdsLineIndent -Text $Text -Index $root.Start
    $childIndent = $rootIndent + $unit
    $at = $root.CloseStart
    $newline = Get-AdsNewline -Text $Text -Index $at
    $sectionText = New-AdsDefaultProxyText -Section $Section -Indent ($childIndent + $unit) -Unit $unit -Newline $newline
    $block = $childIndent + '<system.net>' + $newline + $childIndent + $unit + $sectionText + $newline + $childIndent + '</system.net>'
    if (Test-AdsStartsLine -Text $Text -Index $at) {
        $lineStart = $at - (Get-AdsLineIndent -Text $Text -Index $at).Length
        return (New-AdsTextEdit -Text $Text -Start $lineStart -Removed 0 -Insert ($block + $newline) -Action 'insert-system.net' -Summary 'a <system.net> section with <defaultProxy> added just before </configuration>')
    }
    return (New-AdsTextEdit -Text $Text -Start $at -Removed 0 -Insert ($newline + $block + $newline) -Action 'insert-system.net' -Summary 'a <system.net> section with <defaultProxy> added just before </configuration>')
}

function New-AdsTextEdit {
    # One edit: $Removed characters at $Start replaced by $Insert. Start and Removed travel with the new
    # text so the caller can prove, on the bytes, that nothing outside that region changed.
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text, [int]$Start, [int]$Removed, [AllowEmptyString()][string]$Insert,
          [string]$Action, [string]$Summary)
    return @{ Action = $Action; Summary = $Summary; Start = $Start; Removed = $Removed
              Text = ($Text.Substring(0, $Start) + $Insert + $Text.Substring($Start + $Removed)) }
}

function ConvertTo-AdsXmlDocument {
    # Parses a config text (no DTD, no external resolution). Throws "<What> is not well-formed XML: ...".
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text, [string]$What = 'the file')
    $settings = New-Object System.Xml.XmlReaderSettings
    $settings.DtdProcessing = [System.Xml.DtdProcessing]::Prohibit
    $settings.XmlResolver = $null
    $sr = New-Object System.IO.StringReader $Text
    $reader = [System.Xml.XmlReader]::Create($sr, $settings)
    try {
        $doc = New-Object System.Xml.XmlDocument
        $doc.PreserveWhitespace = $true
        $doc.XmlResolver = $null
        $doc.Load($reader)
    } catch {
        throw "$What is not well-formed XML: $(Get-AdsErrorText $_)"
    } finally { $reader.Dispose(); $sr.Dispose() }
    return $doc
}

function Get-AdsXmlAttr {
    param($Node, [string]$Name)
    if ($null -eq $Node -or $null -eq $Node.Attributes) { return $null }
    $a = $Node.Attributes.GetNamedItem($Name)
    if ($null -eq $a) { return $null }
    return [string]$a.Value
}

function Test-AdsDefaultProxyMatches {
    # Whether an existing <defaultProxy> node already means what the plan's section means: same proxy,
    # switched on, credentials and bypassonlocal as planned, the same bypass list, no script or auto-detect.
    param([Parameter(Mandatory = $true)]$Node, [Parameter(Mandatory = $true)][hashtable]$Section)
    if ((Get-AdsXmlAttr $Node 'enabled') -eq 'false') { return $false }
    $udc = (Get-AdsXmlAttr $Node 'useDefaultCredentials') -eq 'true'
    if ($udc -ne [bool]$Section.UseDefaultCredentials) { return $false }
    $p = $Node.SelectSingleNode('proxy')
    if ($null -eq $p) { return $false }
    $address = Get-AdsXmlAttr $p 'proxyaddress'
    if (-not $address -or $address.TrimEnd('/') -ne ([string]$Section.ProxyAddress).TrimEnd('/')) { return $false }
    if (((Get-AdsXmlAttr $p 'bypassonlocal') -eq 'true') -ne [bool]$Section.BypassOnLocal) { return $false }
    if (Get-AdsXmlAttr $p 'scriptLocation') { return $false }
    if ((Get-AdsXmlAttr $p 'autoDetect') -eq 'true') { return $false }
    $have = @(@($Node.SelectNodes('bypasslist/add')) | ForEach-Object { Get-AdsXmlAttr $_ 'address' })
    $want = @(@($Section.BypassList) | Where-Object { $_ })
    if ($have.Count -ne $want.Count) { return $false }
    for ($i = 0; $i -lt $want.Count; $i++) { if ([string]$have[$i] -cne [string]$want[$i]) { return $false } }
    if ($null -ne $Node.SelectSingleNode('bypasslist/clear') -or $null -ne $Node.SelectSingleNode('bypasslist/remove')) { return $false }
    return $true
}

function Test-AdsMachineConfigText {
    # Parses an edited machine.config back and checks what .NET will read: well-formed, exactly one
    # <system.net> with exactly one <defaultProxy> (no misspelt twin), the planned proxy as an absolute
    # http://host:port address with no credentials in it, only attributes .NET knows, and every bypass
    # entry a valid .NET regular expression (.NET compiles them with IgnoreCase and CultureInvariant).
    # Returns the problems found (an empty array: the file is good).
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text, [Parameter(Mandatory = $true)][hashtable]$Section)
    $problems = New-Object System.Collections.Generic.List[string]
    try { $doc = ConvertTo-AdsXmlDocument -Text $Text -What 'the edited file' } catch { return , @([string]$_.Exception.Message) }
    $root = $doc.DocumentElement
    if ($root.Name -cne 'configuration') { $problems.Add('the root element is not <configuration>') ; return , $problems.ToArray() }
    $nets = @($root.ChildNodes | Where-Object { $_.NodeType -eq 'Element' -and $_.Name -ieq 'system.net' })
    if ($nets.Count -ne 1 -or $nets[0].Name -cne 'system.net') { $problems.Add("expected one <system.net>, found $($nets.Count)"); return , $problems.ToArray() }
    $dps = @($nets[0].ChildNodes | Where-Object { $_.NodeType -eq 'Element' -and $_.Name -ieq 'defaultProxy' })
    if ($dps.Count -ne 1 -or $dps[0].Name -cne 'defaultProxy') { $problems.Add("expected one <defaultProxy> in <system.net>, found $($dps.Count)"); return , $problems.ToArray() }
    $dp = $dps[0]
    $known = @{ 'defaultProxy' = @('enabled', 'useDefaultCredentials'); 'proxy' = @('usesystemdefault', 'proxyaddress', 'bypassonlocal', 'scriptLocation', 'autoDetect')
                'bypasslist' = @(); 'add' = @('address') }
    foreach ($n in @($dp) + @($dp.SelectNodes('.//*'))) {
        if (-not $known.ContainsKey($n.Name)) { $problems.Add("<$($n.Name)> is not an element this fix writes"); continue }
        foreach ($a in @($n.Attributes)) { if ($known[$n.Name] -cnotcontains $a.Name) { $problems.Add("<$($n.Name)> has an attribute .NET does not know: $($a.Name)") } }
    }
    $proxy = $dp.SelectSingleNode('proxy')
    $address = Get-AdsXmlAttr $proxy 'proxyaddress'
    $why = Test-AdsProxyAddress -Address $address
    if ($why) { $problems.Add("proxyaddress: $why") }
    elseif ($address -ne [string]$Section.ProxyAddress) { $problems.Add("proxyaddress is '$address', not the planned '$($Section.ProxyAddress)'") }
    if ((Get-AdsXmlAttr $dp 'enabled') -eq 'false') { $problems.Add('the section is switched off (enabled="false")') }
    if ([bool]$Section.UseDefaultCredentials -and (Get-AdsXmlAttr $dp 'useDefaultCredentials') -ne 'true') { $problems.Add('useDefaultCredentials is not "true"') }
    foreach ($add in @($dp.SelectNodes('bypasslist/add'))) {
        $why = Test-AdsBypassRegex -Pattern (Get-AdsXmlAttr $add 'address')
        if ($why) { $problems.Add("bypasslist entry '$(Get-AdsXmlAttr $add 'address')': $why") }
    }
    return , $problems.ToArray()
}

function Test-AdsProxyAddress {
    # $null when $Address is what .NET Framework accepts as a proxy and this fix writes: http://host:port,
    # host a DNS name, IPv4 or [IPv6] address, an explicit port, no user or password, no path. Else why not.
    param([AllowNull()][AllowEmptyString()][string]$Address)
    if (-not $Address) { return 'no proxy address' }
    if ($Address -notmatch '^http://(?<host>[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[[0-9A-Fa-f:.]+\]):(?<port>\d{1,5})/?$') {
        return "'$Address' is not http://host:port (a proxy is reached with http:// even for HTTPS traffic; no user, password or path)"
    }
    $port = [int]$Matches['port']
    if ($port -lt 1 -or $port -gt 65535) { return "port $port is out of range" }
    $uri = $null
    if (-not [Uri]::TryCreate($Address, [UriKind]::Absolute, [ref]$uri)) { return "'$Address' is not an absolute URI" }
    return $null
}

function Test-AdsBypassRegex {
    # $null when $Pattern is a valid .NET regular expression as <bypasslist> needs (entries are regular
    # expressions, not wildcards: docs/proxy-layers.md), else the parser's complaint.
    param([AllowNull()][AllowEmptyString()][string]$Pattern)
    if (-not $Pattern) { return 'empty entry' }
    try { [void](New-Object System.Text.RegularExpressions.Regex -ArgumentList $Pattern, ([System.Text.RegularExpressions.RegexOptions]'IgnoreCase, CultureInvariant')) }
    catch { return ('not a valid regular expression: ' + (Get-AdsErrorText $_)) }
    return $null
}
