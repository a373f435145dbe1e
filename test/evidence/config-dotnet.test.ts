import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configScope, parseDotNetConfig } from '../../src/evidence/readers/dotnet-config.js';
import { readConfigLike } from '../../src/evidence/readers/config.js';

const STOCK = readFileSync(new URL('../fixtures/config/Framework64/machine.config', import.meta.url), 'utf8');
const FILE = 'CONFIG/GENERAL/Framework64/machine.config';

/** The stock machine.config with `snippet` pasted where the docs say: at the bottom, before </configuration>. */
function withSnippet(snippet: string): string {
  const i = STOCK.lastIndexOf('</configuration>');
  return STOCK.slice(0, i) + snippet.replace(/\r?\n/g, '\r\n') + '\r\n' + STOCK.slice(i);
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

const DOC_SNIPPET = `    <system.net>
        <defaultProxy>
            <proxy
            usesystemdefault="true"
            proxyaddress="http://proxy.contoso.com:8080"
            bypassonlocal="true"
            />
        </defaultProxy>
    </system.net>`;

const DOC_AUTH_SNIPPET = `    <system.net>
        <defaultProxy enabled="true" useDefaultCredentials="true">
            <proxy
            usesystemdefault="true"
            proxyaddress="http://proxy.contoso.com:8080"
            bypassonlocal="true"
            />
        </defaultProxy>
    </system.net>`;

describe('parseDotNetConfig: the stock machine.config', () => {
  it('is ~40 KB, CRLF, and has no defaultProxy section and no problems', () => {
    expect(STOCK.length).toBeGreaterThan(35_000);
    expect(STOCK).toContain('\r\n');
    // The stock file declares the section (configSections) but does not set it: not "present".
    expect(STOCK).toContain('<section name="defaultProxy"');
    const cfg = parseDotNetConfig(STOCK, FILE);
    expect(cfg.present).toBe(false);
    expect(cfg.problems).toEqual([]);
    expect(cfg.proxy).toBeUndefined();
    expect(cfg.enabled).toBe(true);
    expect(cfg.useDefaultCredentials).toBe(false);
    expect(cfg.scope).toBe('machine.config (Framework64)');
  });
});

describe('parseDotNetConfig: the documented snippets', () => {
  it('reads the unauthenticated snippet with defaults for the missing attributes', () => {
    const text = withSnippet(DOC_SNIPPET);
    const cfg = parseDotNetConfig(text, FILE);
    expect(cfg.present).toBe(true);
    expect(cfg.problems).toEqual([]);
    expect(cfg.enabled).toBe(true);
    expect(cfg.useDefaultCredentials).toBe(false);
    expect(cfg.proxy).toEqual({ usesystemdefault: true, proxyaddress: 'http://proxy.contoso.com:8080', bypassonlocal: true });
    expect(cfg.excerpt).toContain('<defaultProxy>');
    expect(cfg.excerpt).toContain('</defaultProxy>');
    expect(cfg.excerpt).not.toContain('system.serviceModel');
  });

  it('reads useDefaultCredentials="true" from the authenticating snippet', () => {
    const cfg = parseDotNetConfig(withSnippet(DOC_AUTH_SNIPPET), FILE);
    expect(cfg.present).toBe(true);
    expect(cfg.useDefaultCredentials).toBe(true);
    expect(cfg.enabled).toBe(true);
  });

  it('reads enabled="false", bypasslist add/remove/clear and module', () => {
    const cfg = parseDotNetConfig(
      withSnippet(`  <system.net>
    <defaultProxy enabled="False">
      <proxy proxyaddress="http://10.20.0.15:3128" bypassonlocal="false" usesystemdefault="Unspecified"/>
      <bypasslist>
        <add address="^old\\.contoso\\.com$"/>
        <clear/>
        <add address="[a-z]+\\.contoso\\.com$"/>
        <add address="10\\.\\d+\\.\\d+\\.\\d+"/>
        <remove address="10\\.\\d+\\.\\d+\\.\\d+"/>
      </bypasslist>
      <module type="Contoso.Net.ProxyModule, Contoso.Net"/>
    </defaultProxy>
  </system.net>`),
      FILE,
    );
    expect(cfg.enabled).toBe(false);
    expect(cfg.proxy).toEqual({ proxyaddress: 'http://10.20.0.15:3128', bypassonlocal: false });
    expect(cfg.bypassList).toEqual(['[a-z]+\\.contoso\\.com$']);
    expect(cfg.module).toBe('Contoso.Net.ProxyModule, Contoso.Net');
    expect(cfg.problems).toEqual([]);
  });

  it('an empty <defaultProxy/> is present (it means: use the system proxy settings)', () => {
    const cfg = parseDotNetConfig(withSnippet('<system.net><defaultProxy/></system.net>'), FILE);
    expect(cfg.present).toBe(true);
    expect(cfg.proxy).toBeUndefined();
  });
});

describe('parseDotNetConfig: mistakes .NET does not forgive', () => {
  it('snippet pasted after </configuration>: not well-formed, with the line', () => {
    const text = STOCK + DOC_SNIPPET.replace(/\n/g, '\r\n') + '\r\n';
    const cfg = parseDotNetConfig(text, FILE);
    expect(cfg.present).toBe(false);
    const nwf = cfg.problems.find((p) => p.kind === 'not-well-formed');
    expect(nwf?.location).toBe(`line ${lineOf(text, '<system.net>')}`);
    expect(cfg.problems.some((p) => p.kind === 'misplaced-element' && /after <\/configuration>/.test(p.message))).toBe(true);
  });

  it('an unclosed tag inside the section: not well-formed, not present', () => {
    const text = withSnippet(`<system.net>
  <defaultProxy useDefaultCredentials="true">
    <proxy proxyaddress="http://proxy.contoso.com:8080" bypassonlocal="true">
  </defaultProxy>
</system.net>`);
    const cfg = parseDotNetConfig(text, FILE);
    expect(cfg.present).toBe(false);
    const p = cfg.problems.find((x) => x.kind === 'not-well-formed');
    expect(p).toBeDefined();
    expect(Number(p!.location!.replace('line ', ''))).toBe(lineOf(text, '</defaultProxy>'));
  });

  it.each([
    ['defaultproxy', '<system.net><defaultproxy><proxy proxyaddress="http://proxy.contoso.com:8080"/></defaultproxy></system.net>'],
    ['defaultProxY', '<system.net><defaultProxY><proxy proxyaddress="http://proxy.contoso.com:8080"/></defaultProxY></system.net>'],
    ['DefaultProxy', '<system.net><DefaultProxy><proxy proxyaddress="http://proxy.contoso.com:8080"/></DefaultProxy></system.net>'],
  ])('misspelt element <%s>: not present, one misspelt-element problem', (name, snippet) => {
    const text = withSnippet(snippet);
    const cfg = parseDotNetConfig(text, FILE);
    expect(cfg.present).toBe(false);
    const probs = cfg.problems.filter((p) => p.kind === 'misspelt-element');
    expect(probs).toHaveLength(1);
    expect(probs[0]!.message).toContain(`<${name}>`);
    expect(probs[0]!.message).toMatch(/case-sensitive/);
    expect(probs[0]!.location).toBe(`line ${lineOf(text, `<${name}>`)}`);
    expect(cfg.excerpt).toContain(`<${name}>`);
  });

  it('<system.Net>: one misspelt-element problem naming it, section not present', () => {
    const cfg = parseDotNetConfig(withSnippet(DOC_SNIPPET.replace(/system\.net>/g, 'system.Net>')), FILE);
    expect(cfg.present).toBe(false);
    expect(cfg.problems).toHaveLength(1);
    expect(cfg.problems[0]!.kind).toBe('misspelt-element');
    expect(cfg.problems[0]!.message).toContain('<system.Net>');
    expect(cfg.excerpt).toContain('proxy.contoso.com');
  });

  it('proxyAddress (attribute case): present, but the address is not read and the problem says why', () => {
    const cfg = parseDotNetConfig(withSnippet(DOC_SNIPPET.replace('proxyaddress=', 'proxyAddress=')), FILE);
    expect(cfg.present).toBe(true);
    expect(cfg.proxy?.proxyaddress).toBeUndefined();
    const p = cfg.problems.find((x) => x.kind === 'misspelt-element');
    expect(p?.message).toMatch(/proxyAddress.*proxyaddress.*case-sensitive/);
  });

  it('defaultProxy directly under <configuration> (no system.net): misplaced', () => {
    const cfg = parseDotNetConfig(withSnippet('<defaultProxy><proxy proxyaddress="http://proxy.contoso.com:8080"/></defaultProxy>'), FILE);
    expect(cfg.present).toBe(false);
    expect(cfg.problems.map((p) => p.kind)).toEqual(['misplaced-element']);
    expect(cfg.problems[0]!.message).toMatch(/inside <configuration><system\.net>/);
  });

  it('system.net nested inside system.web: misplaced', () => {
    const text = STOCK.replace('        <httpHandlers/>', '        <httpHandlers/>\r\n' + DOC_SNIPPET.replace(/\n/g, '\r\n'));
    const cfg = parseDotNetConfig(text, FILE);
    expect(cfg.present).toBe(false);
    expect(cfg.problems.some((p) => p.kind === 'misplaced-element' && /configuration\/system\.web/.test(p.message))).toBe(true);
  });

  it('system.net under <location> counts as in place', () => {
    const cfg = parseDotNetConfig(withSnippet(`<location path="." inheritInChildApplications="false">\n${DOC_SNIPPET}\n</location>`), FILE);
    expect(cfg.present).toBe(true);
    expect(cfg.problems).toEqual([]);
  });

  it.each([
    ['proxy.contoso.com:8080', /no scheme/],
    ['10.20.0.15:8080', /no scheme/],
    ['http://proxy.contoso.com:80800', /invalid port "80800"/],
    ['http://proxy.contoso.com:0', /invalid port "0"/],
    ['http://proxy.contoso.com:80a', /invalid port/],
    ['ftp://proxy.contoso.com:21', /scheme "ftp"/],
    ['', /empty/],
  ])('proxyaddress="%s" is reported as an invalid value', (addr, re) => {
    const cfg = parseDotNetConfig(withSnippet(DOC_SNIPPET.replace('http://proxy.contoso.com:8080', addr)), FILE);
    expect(cfg.present).toBe(true);
    const p = cfg.problems.filter((x) => x.kind === 'invalid-value');
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toMatch(re);
  });

  it.each(['http://proxy.contoso.com:8080', 'http://proxy.contoso.com', 'http://10.20.0.15:3128/', 'http://[fd00::15]:8080'])(
    'proxyaddress="%s" is fine',
    (addr) => {
      const cfg = parseDotNetConfig(withSnippet(DOC_SNIPPET.replace('http://proxy.contoso.com:8080', addr)), FILE);
      expect(cfg.problems).toEqual([]);
    },
  );

  it('two <system.net> sections: duplicate-section, the first one is kept', () => {
    const second = DOC_SNIPPET.replace('proxy.contoso.com:8080', 'proxy2.contoso.com:3128');
    const cfg = parseDotNetConfig(withSnippet(DOC_SNIPPET + '\n' + second), FILE);
    expect(cfg.problems.map((p) => p.kind)).toContain('duplicate-section');
    expect(cfg.proxy?.proxyaddress).toBe('http://proxy.contoso.com:8080');
  });

  it('two <defaultProxy> in one system.net: duplicate-section', () => {
    const cfg = parseDotNetConfig(withSnippet('<system.net><defaultProxy/><defaultProxy enabled="false"/></system.net>'), FILE);
    expect(cfg.problems.map((p) => p.kind)).toEqual(['duplicate-section']);
    expect(cfg.enabled).toBe(true);
  });

  it('useDefaultCredentials="yes" is an invalid value and leaves the default', () => {
    const cfg = parseDotNetConfig(withSnippet(DOC_AUTH_SNIPPET.replace('useDefaultCredentials="true"', 'useDefaultCredentials="yes"')), FILE);
    expect(cfg.useDefaultCredentials).toBe(false);
    expect(cfg.problems.map((p) => p.kind)).toEqual(['invalid-value']);
  });

  it('a commented-out section is reported, not read', () => {
    const cfg = parseDotNetConfig(withSnippet(`<!--\n${DOC_SNIPPET}\n-->`), FILE);
    expect(cfg.present).toBe(false);
    expect(cfg.problems.map((p) => p.kind)).toEqual(['misplaced-element']);
    expect(cfg.problems[0]!.message).toMatch(/comment/);
  });

  it('an unknown element under <defaultProxy> and an unknown attribute on <proxy>', () => {
    const cfg = parseDotNetConfig(
      withSnippet('<system.net><defaultProxy><proxy proxyaddress="http://p.contoso.com:8080" port="8080"/><bypassList/></defaultProxy></system.net>'),
      FILE,
    );
    expect(cfg.problems.map((p) => p.kind).sort()).toEqual(['misspelt-element', 'unknown-attribute']);
    expect(cfg.problems.find((p) => p.kind === 'misspelt-element')!.message).toContain('<bypassList>');
  });
});

describe('parseDotNetConfig: hostile and odd input', () => {
  it.each(['', '   ', 'not xml at all', '<configuration>', '<?xml version="1.0"?><configuration><system.net><defaultProxy>'])(
    'does not throw on %j',
    (text) => {
      const cfg = parseDotNetConfig(text, 'x/machine.config');
      expect(cfg.present).toBe(false);
      expect(cfg.problems[0]?.kind).toBe('not-well-formed');
    },
  );

  it('a BOM and an XML declaration are fine', () => {
    const cfg = parseDotNetConfig('\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n' + DOC_SNIPPET + '\r\n</configuration>\r\n', 'miiserver.exe.config');
    expect(cfg.present).toBe(true);
    expect(cfg.scope).toBe('miiserver.exe.config');
  });
});

describe('configScope', () => {
  it.each([
    ['config/Framework64/machine.config', 'machine.config (Framework64)'],
    ['C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config', 'machine.config (Framework64)'],
    ['config/Framework/machine.config', 'machine.config (Framework)'],
    ['x\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\Config\\machine.config', 'machine.config (Framework)'],
    ['CONFIG/GENERAL/machine.config', 'machine.config'],
    ['config/miiserver.exe.config', 'miiserver.exe.config'],
    ['Bin/MIISERVER.EXE.CONFIG', 'miiserver.exe.config'],
    ['AzureADConnect.exe.config', 'app.config'],
  ])('%s → %s', (file, scope) => {
    expect(configScope(file)).toBe(scope);
  });
});

describe('readConfigLike dotnet-config', () => {
  it('sets modifiedAt from the file time', () => {
    const r = readConfigLike('dotnet-config', withSnippet(DOC_SNIPPET), 'config/Framework64/machine.config', {
      mtime: new Date('2026-11-24T16:00:00Z'),
    });
    expect(r.dotNetProxy).toHaveLength(1);
    expect(r.dotNetProxy![0]!.modifiedAt).toBe('2026-11-24T16:00:00.000Z');
    expect(r.dotNetProxy![0]!.scope).toBe('machine.config (Framework64)');
  });
});

describe('proxyaddress with credentials in it', () => {
  it('is a problem that names the user but never quotes the password, and is not read as host:port', async () => {
    const { checkProxyAddress } = await import('../../src/evidence/readers/dotnet-config.js');
    const p = checkProxyAddress('http://svc_proxy:FAKE-S3cret-0042@proxy.contoso.com:8080');
    expect(p).toMatch(/credentials/);
    expect(p).toContain('svc_proxy');
    expect(p).not.toContain('FAKE-S3cret-0042');
    expect(p).not.toMatch(/invalid port/);
    expect(checkProxyAddress('http://proxy.contoso.com:8080')).toBeNull();
  });
});
