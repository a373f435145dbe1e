// machine.config / *.exe.config → the `<configuration><system.net><defaultProxy>` section.
//
// The whole file goes through a real XML parser (saxes), because a machine.config that is not
// well-formed breaks every .NET application on the server, and the proxy section of such a file is
// not applied at all. .NET configuration names are case-sensitive: `defaultproxy`, `system.Net` or
// `proxyAddress` are not the names .NET reads, so the proxy they were meant to set is not applied
// (depending on the place, .NET ignores them or fails to load the configuration with
// "Unrecognized configuration section/attribute"). Each such mistake is reported as a problem.
import { SaxesParser } from 'saxes';
import type { ConfigProblem, DotNetProxyConfig } from '../types.js';

/** Elements .NET knows at each level we look at, by their exact (case-sensitive) name. */
const SYSTEM_NET_CHILDREN = [
  'defaultProxy',
  'authenticationModules',
  'connectionManagement',
  'mailSettings',
  'requestCaching',
  'settings',
  'webRequestModules',
];
const DEFAULT_PROXY_CHILDREN = ['proxy', 'bypasslist', 'module'];
const BYPASSLIST_CHILDREN = ['add', 'remove', 'clear'];

/** Attributes .NET's ConfigurationElement accepts on every element (locking, external source). */
const GENERIC_ATTRIBUTES = [
  'lockAttributes',
  'lockAllAttributesExcept',
  'lockElements',
  'lockAllElementsExcept',
  'lockItem',
  'configSource',
];
const ATTRIBUTES: Record<string, string[]> = {
  defaultProxy: ['enabled', 'useDefaultCredentials'],
  proxy: ['usesystemdefault', 'proxyaddress', 'bypassonlocal', 'scriptLocation', 'autoDetect'],
  module: ['type'],
  add: ['address'],
  remove: ['address'],
  clear: [],
};

/** Lower-case, no punctuation: `System.Net`, `system-net` and `systemnet` all become `systemnet`. */
function loose(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Levenshtein distance, bounded (names here are short). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known name `name` was probably meant to be, when it is not exactly a known name. */
function meantName(name: string, known: string[]): string | undefined {
  if (known.includes(name)) return undefined;
  const l = loose(name);
  for (const k of known) if (loose(k) === l) return k;
  // Typos (one or two letters) only for long names: `defaultProxi`, `bypasslst`.
  if (l.length >= 8) for (const k of known) if (distance(loose(k), l) <= 1) return k;
  return undefined;
}

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

/** The scope label of a config file, from its path relative to the input root. */
export function configScope(file: string): DotNetProxyConfig['scope'] {
  const f = file.replace(/\\/g, '/').toLowerCase();
  const base = f.slice(f.lastIndexOf('/') + 1);
  if (base === 'miiserver.exe.config') return 'miiserver.exe.config';
  if (base === 'machine.config') {
    if (f.includes('framework64')) return 'machine.config (Framework64)';
    if (f.includes('/framework/') || f.startsWith('framework/')) return 'machine.config (Framework)';
    return 'machine.config';
  }
  if (f.includes('framework64')) return 'machine.config (Framework64)';
  if (f.includes('/framework/')) return 'machine.config (Framework)';
  return 'app.config';
}

/** Checks a `proxyaddress` the way .NET will read it (as a System.Uri). Returns a problem text or null. */
export function checkProxyAddress(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'proxyaddress is empty';
  // user:password@ before the host is allowed by System.Uri; it must not be mistaken for host:port.
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?(\[[^\]]*\]|[^/:?#\[]*)(?::([^/?#]*))?/i.exec(v);
  if (!m) {
    return `proxyaddress "${value}" has no scheme: write it as http://host:port (without "http://", .NET does not read it as a proxy address)`;
  }
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return `proxyaddress "${value}" uses the scheme "${m[1]}": .NET Framework talks to a proxy over http://`;
  }
  if (m[2] !== undefined) {
    // Never quote the password: only the user name is named.
    const user = m[2].split(':')[0] ?? '';
    return `proxyaddress carries credentials ("${user}:…@" before the host): .NET's defaultProxy takes no credentials from the address (only useDefaultCredentials), and the password sits in clear text in machine.config; remove them and use useDefaultCredentials="true" (the process's Windows account) or a local CNTLM proxy holding a password hash`;
  }
  if (m[3] === '') return `proxyaddress "${value}" has no host name`;
  const port = m[4];
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      return `proxyaddress "${value}" has an invalid port "${port}" (1-65535)`;
    }
  }
  return null;
}

interface Frame {
  name: string;
  line: number;
}

/**
 * Parses a .NET configuration file and returns its `defaultProxy` section as .NET reads it,
 * with every mistake that stops .NET from applying it. Never throws.
 */
export function parseDotNetConfig(text: string, file: string): DotNetProxyConfig {
  const result: DotNetProxyConfig = {
    file,
    scope: configScope(file),
    present: false,
    enabled: true,
    useDefaultCredentials: false,
    bypassList: [],
    problems: [],
  };
  const problems = result.problems;
  const add = (p: ConfigProblem): void => {
    // A badly broken file can produce thousands of errors: the first ones say enough.
    if (problems.length < 50) problems.push(p);
  };
  const lines = text.split(/\r\n|\n|\r/);
  const excerptOf = (from: number, to: number): string => {
    const last = Math.min(to, from + 59);
    const body = lines.slice(from - 1, last).join('\n');
    return (last < to ? body + '\n…' : body).slice(0, 4000);
  };

  const stack: Frame[] = [];
  let notWellFormed = false;
  let rootSeen = false;
  /** Line where the kept (first, correctly placed) defaultProxy section starts; 0 when none. */
  let sectionStart = 0;
  /** Depth in `stack` of the kept defaultProxy element while we are inside it. */
  let sectionDepth = -1;
  /** A misplaced/misspelt defaultProxy-like section, quoted when no real one exists. */
  let fallbackExcerpt: { from: number; to: number; depth: number } | undefined;
  let systemNetCount = 0;
  let defaultProxyCount = 0;
  let proxyCount = 0;
  let startLine = 1;

  const parser = new SaxesParser({ position: true });
  parser.on('error', (err) => {
    if (!notWellFormed) {
      notWellFormed = true;
      const msg = err.message.replace(/^\d+:\d+: /, '');
      add({
        kind: 'not-well-formed',
        message: `${file} is not well-formed XML (${msg}): .NET cannot load it, so no proxy setting in it is applied`,
        location: `line ${parser.line}`,
        excerpt: lines[parser.line - 1]?.trim().slice(0, 200),
      });
    }
  });
  parser.on('opentagstart', () => {
    startLine = parser.line;
  });
  parser.on('comment', (c) => {
    if (/<\s*defaultProxy\b/i.test(c) || /proxyaddress\s*=/i.test(c)) {
      add({
        kind: 'misplaced-element',
        message: 'a defaultProxy section is inside an XML comment, so .NET does not read it',
        location: `line ${parser.line}`,
        excerpt: c.trim().slice(0, 400),
      });
    }
  });

  const path = (): string[] => stack.map((f) => f.name);

  parser.on('opentag', (tag) => {
    const name = tag.name;
    const line = startLine;
    const attrs = tag.attributes as Record<string, string>;
    const parent = stack[stack.length - 1]?.name;
    const depth = stack.length;
    const p = path();
    // configuration/system.net is where .NET reads it; configuration/location/system.net applies too.
    const inConfiguration = p[0] === 'configuration' && (depth === 1 || (depth === 2 && p[1] === 'location'));
    const underSystemNet =
      parent === 'system.net' &&
      p[0] === 'configuration' &&
      (depth === 2 || (depth === 3 && p[1] === 'location'));
    const inSection = sectionDepth >= 0 && depth > sectionDepth;

    if (depth === 0) {
      if (rootSeen) {
        if (name === 'system.net' || name === 'defaultProxy') {
          add({
            kind: 'misplaced-element',
            message: `<${name}> is after </configuration>: it must be inside <configuration> (before </configuration>)`,
            location: `line ${line}`,
          });
        }
      } else if (name !== 'configuration') {
        const meant = meantName(name, ['configuration']);
        add({
          kind: meant ? 'misspelt-element' : 'misplaced-element',
          message: meant
            ? `the root element is <${name}>, not <configuration>: .NET names are case-sensitive, so this file is not read as configuration`
            : `the root element is <${name}>, not <configuration>`,
          location: `line ${line}`,
        });
      }
      rootSeen = true;
    }

    // <system.net>
    if (name === 'system.net') {
      if (inConfiguration) {
        systemNetCount++;
        if (systemNetCount > 1) {
          add({
            kind: 'duplicate-section',
            message: '<system.net> appears more than once in <configuration>: .NET allows each section once and fails to load the file',
            location: `line ${line}`,
          });
        }
      } else if (depth > 0) {
        add({
          kind: 'misplaced-element',
          message: `<system.net> is inside <${p.join('/')}>: .NET reads it only directly under <configuration>`,
          location: `line ${line}`,
        });
      }
    } else if (inConfiguration) {
      const meant = meantName(name, ['system.net']);
      if (meant) {
        add({
          kind: 'misspelt-element',
          message: `<${name}> is not <system.net>: .NET configuration names are case-sensitive, so the proxy in it is not applied`,
          location: `line ${line}`,
        });
      }
    }

    // Children of <system.net>
    if (underSystemNet) {
      if (name === 'defaultProxy') {
        defaultProxyCount++;
        if (defaultProxyCount > 1) {
          add({
            kind: 'duplicate-section',
            message: '<defaultProxy> appears more than once: .NET allows the section once and fails to load the file',
            location: `line ${line}`,
          });
        } else {
          result.present = true;
          sectionStart = line;
          sectionDepth = depth;
          checkAttributes(name, attrs, line);
          const enabled = attrs['enabled'];
          if (enabled !== undefined) {
            const b = parseBool(enabled);
            if (b === undefined) invalid('enabled', enabled, line);
            else result.enabled = b;
          }
          const udc = attrs['useDefaultCredentials'];
          if (udc !== undefined) {
            const b = parseBool(udc);
            if (b === undefined) invalid('useDefaultCredentials', udc, line);
            else result.useDefaultCredentials = b;
          }
        }
      } else {
        const meant = meantName(name, SYSTEM_NET_CHILDREN);
        if (meant === 'defaultProxy') {
          add({
            kind: 'misspelt-element',
            message: `<${name}> is not <defaultProxy>: .NET configuration names are case-sensitive, so this proxy section is not applied`,
            location: `line ${line}`,
          });
          fallbackExcerpt ??= { from: line, to: line, depth };
        }
      }
    } else if (name === 'defaultProxy' || meantName(name, ['defaultProxy']) === 'defaultProxy') {
      // Under a misspelt <system.Net> the mistake is already reported once, on that element.
      const parentMisspelt = parent !== undefined && parent !== 'system.net' && loose(parent) === 'systemnet';
      if (!inSection && parentMisspelt) {
        fallbackExcerpt ??= { from: stack[stack.length - 1]!.line, to: stack[stack.length - 1]!.line, depth: depth - 1 };
      } else if (!inSection) {
        const where = depth === 0 ? 'outside <configuration>' : `inside <${p.join('/')}>`;
        add({
          kind: name === 'defaultProxy' ? 'misplaced-element' : 'misspelt-element',
          message:
            name === 'defaultProxy'
              ? `<defaultProxy> is ${where}: .NET reads it only inside <configuration><system.net>`
              : `<${name}> ${where} is not a <defaultProxy> that .NET reads (names are case-sensitive, and the section belongs in <configuration><system.net>)`,
          location: `line ${line}`,
        });
        fallbackExcerpt ??= { from: line, to: line, depth };
      }
    }

    // Inside the kept <defaultProxy>
    if (inSection) {
      const rel = depth - sectionDepth; // 1 = child of defaultProxy, 2 = grandchild
      if (rel === 1) {
        if (name === 'proxy') {
          proxyCount++;
          if (proxyCount > 1) {
            add({ kind: 'duplicate-section', message: '<proxy> appears more than once in <defaultProxy>', location: `line ${line}` });
          } else {
            checkAttributes(name, attrs, line);
            readProxy(attrs, line);
          }
        } else if (name === 'bypasslist') {
          checkAttributes('bypasslist', attrs, line);
        } else if (name === 'module') {
          checkAttributes(name, attrs, line);
          if (attrs['type'] !== undefined) result.module = attrs['type'];
        } else {
          const meant = meantName(name, DEFAULT_PROXY_CHILDREN);
          add({
            kind: meant ? 'misspelt-element' : 'unknown-attribute',
            message: meant
              ? `<${name}> is not <${meant}>: .NET configuration names are case-sensitive, so it is not applied`
              : `<${name}> is not an element of <defaultProxy> (.NET knows proxy, bypasslist, module)`,
            location: `line ${line}`,
          });
        }
      } else if (rel === 2 && parent === 'bypasslist') {
        if (name === 'add') {
          checkAttributes(name, attrs, line);
          const a = attrs['address'];
          if (a !== undefined) {
            result.bypassList.push(a);
            try {
              new RegExp(a);
            } catch {
              add({
                kind: 'invalid-value',
                message: `bypasslist address "${a}" is not a valid regular expression`,
                location: `line ${line}`,
              });
            }
          }
        } else if (name === 'remove') {
          const a = attrs['address'];
          if (a !== undefined) result.bypassList = result.bypassList.filter((x) => x !== a);
        } else if (name === 'clear') {
          result.bypassList = [];
        } else {
          const meant = meantName(name, BYPASSLIST_CHILDREN);
          add({
            kind: meant ? 'misspelt-element' : 'unknown-attribute',
            message: meant
              ? `<${name}> in <bypasslist> is not <${meant}>: names are case-sensitive, so the entry is not applied`
              : `<${name}> is not an element of <bypasslist> (add, remove, clear)`,
            location: `line ${line}`,
          });
        }
      }
    }

    stack.push({ name, line });
  });

  parser.on('closetag', (tag) => {
    // saxes reports a mismatched close tag as an error and still closes; keep our stack in step.
    let i = stack.length - 1;
    while (i >= 0 && stack[i]!.name !== tag.name) i--;
    if (i < 0) return;
    const depth = i;
    if (depth === sectionDepth && sectionStart > 0) {
      result.excerpt = excerptOf(sectionStart, parser.line);
      sectionDepth = -1;
    }
    if (fallbackExcerpt && fallbackExcerpt.depth === depth && fallbackExcerpt.to === fallbackExcerpt.from) {
      fallbackExcerpt.to = Math.max(parser.line, fallbackExcerpt.from);
    }
    stack.length = i;
  });

  function invalid(attr: string, value: string, line: number): void {
    add({
      kind: 'invalid-value',
      message: `${attr}="${value}" is not true or false`,
      location: `line ${line}`,
    });
  }

  function checkAttributes(element: string, attrs: Record<string, string>, line: number): void {
    const known = [...(ATTRIBUTES[element] ?? []), ...GENERIC_ATTRIBUTES];
    for (const a of Object.keys(attrs)) {
      if (known.includes(a) || a.startsWith('xmlns')) continue;
      const meant = meantName(a, known);
      add({
        kind: meant ? 'misspelt-element' : 'unknown-attribute',
        message: meant
          ? `attribute ${a} on <${element}> is not ${meant}: .NET attribute names are case-sensitive, so this value is not applied`
          : `attribute ${a} is not known on <${element}>: .NET rejects unrecognized attributes`,
        location: `line ${line}`,
      });
    }
    if (attrs['configSource'] !== undefined) {
      add({
        kind: 'invalid-value',
        message: `<${element}> takes its content from configSource="${attrs['configSource']}", a file not in the evidence`,
        location: `line ${line}`,
      });
    }
  }

  function readProxy(attrs: Record<string, string>, line: number): void {
    const proxy: NonNullable<DotNetProxyConfig['proxy']> = {};
    for (const key of ['usesystemdefault', 'bypassonlocal', 'autoDetect'] as const) {
      const v = attrs[key];
      if (v === undefined) continue;
      const t = v.trim().toLowerCase();
      // ProxyElement uses an enum (Unspecified/False/True): "Unspecified" is the same as absent.
      if (t === 'unspecified') continue;
      const b = parseBool(v);
      if (b === undefined) invalid(key, v, line);
      else proxy[key] = b;
    }
    const addr = attrs['proxyaddress'];
    if (addr !== undefined) {
      proxy.proxyaddress = addr.trim();
      const msg = checkProxyAddress(addr);
      if (msg) add({ kind: 'invalid-value', message: msg, location: `line ${line}` });
    }
    if (attrs['scriptLocation'] !== undefined) proxy.scriptLocation = attrs['scriptLocation'];
    result.proxy = proxy;
  }

  try {
    parser.write(text).close();
  } catch (err) {
    // saxes throws only when no error handler is set; this is a belt for the unexpected.
    if (!notWellFormed) {
      add({ kind: 'not-well-formed', message: `${file} could not be parsed: ${(err as Error).message}` });
      notWellFormed = true;
    }
  }

  if (result.present && !result.excerpt && sectionStart > 0) {
    // Section never closed (file truncated): quote what there is.
    result.excerpt = excerptOf(sectionStart, Math.min(lines.length, sectionStart + 20));
  }
  if (!result.present && fallbackExcerpt) {
    result.excerpt = excerptOf(fallbackExcerpt.from, Math.max(fallbackExcerpt.to, fallbackExcerpt.from));
  }
  if (notWellFormed) {
    // .NET loads nothing from a file it cannot parse: the section is not in effect.
    result.present = false;
  }
  return result;
}
