// A small, safe evaluator for proxy auto-config (PAC) scripts.
//
// Why not `vm`: a PAC file comes from a customer's bundle, and Node's vm is not a security boundary.
// This interprets the subset of JavaScript real PAC files use (functions, var, if/else, return,
// string methods, the PAC helper functions) and never executes the text as code. Anything outside the
// subset makes the result `unsupported`, which the resolver reports as an unknown route.
//
// Functions that need the network (isInNet on a name, dnsResolve, myIpAddress, isResolvable) or the
// clock (timeRange, ...) are unknown offline. The evaluator then explores both outcomes of each unknown
// condition (bounded), and gives a result only when every path agrees.

export interface PacEntry {
  type: 'DIRECT' | 'PROXY' | 'SOCKS';
  /** `host:port` for PROXY/SOCKS. */
  hostPort?: string;
}

export type PacOutcome =
  | { kind: 'result'; raw: string; entries: PacEntry[]; /** Source text of the condition that led to the return. */ rule: string | null }
  | { kind: 'unknown'; reason: string }
  | { kind: 'unsupported'; reason: string };

const MAX_SOURCE = 256 * 1024;
const MAX_STEPS = 20_000;
const MAX_PATHS = 64;
const MAX_DEPTH = 32;

// ---------------------------------------------------------------- tokenizer
type Tok =
  | { t: 'id'; v: string; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'p'; v: string; pos: number }
  | { t: 'eof'; pos: number };

class PacSyntaxError extends Error {}
class PacUnsupported extends Error {}

const PUNCT = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '+=', '(', ')', '{', '}', '[', ']', ',', ';', '.', '!', '=', '+', '-', '?', ':', '<', '>', '*', '/', '%'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { const e = src.indexOf('\n', i); i = e < 0 ? src.length : e; continue; }
    if (src.startsWith('/*', i)) { const e = src.indexOf('*/', i + 2); if (e < 0) throw new PacSyntaxError('unterminated comment'); i = e + 2; continue; }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_$]/.test(src[j]!)) j++;
      out.push({ t: 'id', v: src.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[0-9.]/.test(src[j]!)) j++;
      out.push({ t: 'num', v: Number(src.slice(i, j)), pos: i });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') {
          const n = src[j + 1];
          s += n === 'n' ? '\n' : n === 't' ? '\t' : (n ?? '');
          j += 2;
        } else {
          s += src[j];
          j++;
        }
      }
      if (j >= src.length) throw new PacSyntaxError('unterminated string');
      out.push({ t: 'str', v: s, pos: i });
      i = j + 1;
      continue;
    }
    const p = PUNCT.find((q) => src.startsWith(q, i));
    if (!p) throw new PacUnsupported(`character '${c}'`);
    out.push({ t: 'p', v: p, pos: i });
    i += p.length;
  }
  out.push({ t: 'eof', pos: src.length });
  return out;
}

// ---------------------------------------------------------------- parser
type Expr =
  | { k: 'lit'; v: Value }
  | { k: 'id'; name: string }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'call'; callee: Expr; args: Expr[] }
  | { k: 'member'; obj: Expr; prop: string }
  | { k: 'assign'; op: string; name: string; e: Expr };

type Stmt =
  | { k: 'func'; name: string; params: string[]; body: Stmt[] }
  | { k: 'var'; decls: { name: string; init?: Expr }[] }
  | { k: 'if'; c: Expr; text: string; a: Stmt; b?: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'return'; e?: Expr }
  | { k: 'expr'; e: Expr }
  | { k: 'empty' };

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly src: string) {}
  private peek(): Tok { return this.toks[this.i]!; }
  private next(): Tok { return this.toks[this.i++]!; }
  private isP(v: string): boolean { const t = this.peek(); return t.t === 'p' && t.v === v; }
  private isId(v: string): boolean { const t = this.peek(); return t.t === 'id' && t.v === v; }
  private expectP(v: string): void {
    const t = this.next();
    if (t.t !== 'p' || t.v !== v) throw new PacSyntaxError(`expected '${v}' at ${t.pos}`);
  }
  private ident(): string {
    const t = this.next();
    if (t.t !== 'id') throw new PacSyntaxError(`expected a name at ${t.pos}`);
    return t.v;
  }

  program(): Stmt[] {
    const body: Stmt[] = [];
    while (this.peek().t !== 'eof') body.push(this.statement());
    return body;
  }

  private statement(): Stmt {
    const t = this.peek();
    if (t.t === 'p' && t.v === '{') {
      this.next();
      const body: Stmt[] = [];
      while (!this.isP('}')) {
        if (this.peek().t === 'eof') throw new PacSyntaxError('unterminated block');
        body.push(this.statement());
      }
      this.next();
      return { k: 'block', body };
    }
    if (t.t === 'p' && t.v === ';') { this.next(); return { k: 'empty' }; }
    if (t.t === 'id') {
      switch (t.v) {
        case 'function': {
          this.next();
          const name = this.ident();
          this.expectP('(');
          const params: string[] = [];
          while (!this.isP(')')) {
            params.push(this.ident());
            if (this.isP(',')) this.next();
          }
          this.next();
          const block = this.statement();
          if (block.k !== 'block') throw new PacSyntaxError('function body');
          return { k: 'func', name, params, body: block.body };
        }
        case 'var': case 'let': case 'const': {
          this.next();
          const decls: { name: string; init?: Expr }[] = [];
          for (;;) {
            const name = this.ident();
            if (this.isP('=')) { this.next(); decls.push({ name, init: this.expr() }); } else decls.push({ name });
            if (this.isP(',')) { this.next(); continue; }
            break;
          }
          this.semi();
          return { k: 'var', decls };
        }
        case 'if': {
          this.next();
          this.expectP('(');
          const start = this.peek().pos;
          const c = this.expr();
          const end = this.peek().pos;
          this.expectP(')');
          const a = this.statement();
          let b: Stmt | undefined;
          if (this.isId('else')) { this.next(); b = this.statement(); }
          return { k: 'if', c, text: this.src.slice(start, end).replace(/\s+/g, ' ').trim(), a, ...(b ? { b } : {}) };
        }
        case 'return': {
          this.next();
          if (this.isP(';') || this.isP('}')) { this.semi(); return { k: 'return' }; }
          const e = this.expr();
          this.semi();
          return { k: 'return', e };
        }
        case 'for': case 'while': case 'do': case 'switch': case 'try': case 'new': case 'with': case 'eval': case 'throw':
          throw new PacUnsupported(`'${t.v}'`);
      }
    }
    const e = this.expr();
    this.semi();
    return { k: 'expr', e };
  }

  private semi(): void {
    if (this.isP(';')) this.next();
  }

  expr(): Expr {
    const left = this.ternary();
    if ((this.isP('=') || this.isP('+=')) && left.k === 'id') {
      const op = (this.next() as { v: string }).v;
      return { k: 'assign', op, name: left.name, e: this.expr() };
    }
    return left;
  }
  private ternary(): Expr {
    const c = this.binary(0);
    if (this.isP('?')) {
      this.next();
      const a = this.expr();
      this.expectP(':');
      const b = this.expr();
      return { k: 'cond', c, a, b };
    }
    return c;
  }
  private static readonly LEVELS = [['||'], ['&&'], ['==', '!=', '===', '!=='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];
  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.t === 'p' && Parser.LEVELS[level]!.includes(t.v)) {
        this.next();
        const r = this.binary(level + 1);
        l = { k: 'bin', op: t.v, l, r };
      } else return l;
    }
  }
  private unary(): Expr {
    if (this.isP('!') || this.isP('-')) {
      const op = (this.next() as { v: string }).v;
      return { k: 'un', op, e: this.unary() };
    }
    return this.postfix();
  }
  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.isP('(')) {
        this.next();
        const args: Expr[] = [];
        while (!this.isP(')')) {
          args.push(this.expr());
          if (this.isP(',')) this.next();
          else if (!this.isP(')')) throw new PacSyntaxError(`expected ',' or ')' at ${this.peek().pos}`);
        }
        this.next();
        e = { k: 'call', callee: e, args };
      } else if (this.isP('.')) {
        this.next();
        e = { k: 'member', obj: e, prop: this.ident() };
      } else if (this.isP('[')) {
        throw new PacUnsupported('indexing with []');
      } else return e;
    }
  }
  private primary(): Expr {
    const t = this.next();
    if (t.t === 'num') return { k: 'lit', v: t.v };
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'id') {
      if (t.v === 'true') return { k: 'lit', v: true };
      if (t.v === 'false') return { k: 'lit', v: false };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (t.v === 'undefined') return { k: 'lit', v: undefined };
      if (t.v === 'function' || t.v === 'new' || t.v === 'this' || t.v === 'typeof') throw new PacUnsupported(`'${t.v}' in an expression`);
      return { k: 'id', name: t.v };
    }
    if (t.t === 'p' && t.v === '(') {
      const e = this.expr();
      this.expectP(')');
      return e;
    }
    if (t.t === 'p' && t.v === '/') throw new PacUnsupported('regular expression literals');
    throw new PacSyntaxError(`unexpected ${t.t === 'eof' ? 'end of script' : `'${(t as { v: unknown }).v}'`} at ${t.pos}`);
  }
}

// ---------------------------------------------------------------- interpreter
const UNKNOWN: unique symbol = Symbol('unknown');
interface FuncValue { fn: Extract<Stmt, { k: 'func' }> }
type Value = string | number | boolean | null | undefined | typeof UNKNOWN | FuncValue;

class ReturnSignal { constructor(readonly value: Value, readonly rule: string | null) {} }
class NeedsDecision extends Error {}

interface RunState {
  steps: number;
  depth: number;
  decisions: boolean[];
  used: number;
  /** Text of unknown inputs met on this path (for the explanation). */
  unknowns: string[];
  /** Conditions currently true around the executing statement, innermost last. */
  ruleStack: string[];
}

function ipv4ToInt(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function shExpMatch(str: string, pattern: string): boolean {
  const re = '^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$';
  return new RegExp(re, 's').test(str);
}

type Builtin = (args: Value[], st: RunState) => Value;

const BUILTINS: Record<string, Builtin> = {
  isPlainHostName: ([h]) => (typeof h === 'string' ? !h.includes('.') : UNKNOWN),
  dnsDomainIs: ([h, d]) => (typeof h === 'string' && typeof d === 'string' ? h.toLowerCase().endsWith(d.toLowerCase()) : UNKNOWN),
  localHostOrDomainIs: ([h, hd]) => {
    if (typeof h !== 'string' || typeof hd !== 'string') return UNKNOWN;
    const host = h.toLowerCase();
    const full = hd.toLowerCase();
    return host === full || (!host.includes('.') && full.startsWith(host + '.'));
  },
  shExpMatch: ([s, p]) => (typeof s === 'string' && typeof p === 'string' ? shExpMatch(s, p) : UNKNOWN),
  dnsDomainLevels: ([h]) => (typeof h === 'string' ? h.split('.').length - 1 : UNKNOWN),
  isInNet: ([h, pat, mask], st) => {
    if (typeof h !== 'string' || typeof pat !== 'string' || typeof mask !== 'string') {
      st.unknowns.push('isInNet(<address known only by DNS>)');
      return UNKNOWN;
    }
    const a = ipv4ToInt(h);
    const p = ipv4ToInt(pat);
    const m = ipv4ToInt(mask);
    if (a === null) {
      st.unknowns.push(`isInNet('${h}', '${pat}', '${mask}') needs DNS`);
      return UNKNOWN;
    }
    if (p === null || m === null) return false;
    return ((a & m) >>> 0) === ((p & m) >>> 0);
  },
  dnsResolve: ([h], st) => {
    if (typeof h === 'string' && ipv4ToInt(h) !== null) return h;
    st.unknowns.push(`dnsResolve(${typeof h === 'string' ? `'${h}'` : '…'})`);
    return UNKNOWN;
  },
  isResolvable: ([h], st) => { st.unknowns.push(`isResolvable(${typeof h === 'string' ? `'${h}'` : '…'})`); return UNKNOWN; },
  myIpAddress: (_a, st) => { st.unknowns.push('myIpAddress()'); return UNKNOWN; },
  weekdayRange: (_a, st) => { st.unknowns.push('weekdayRange()'); return UNKNOWN; },
  dateRange: (_a, st) => { st.unknowns.push('dateRange()'); return UNKNOWN; },
  timeRange: (_a, st) => { st.unknowns.push('timeRange()'); return UNKNOWN; },
  convert_addr: ([ip]) => (typeof ip === 'string' ? (ipv4ToInt(ip) ?? UNKNOWN) : UNKNOWN),
  alert: () => undefined,
};

const STRING_METHODS: Record<string, (s: string, a: Value[]) => Value> = {
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  indexOf: (s, [x, from]) => s.indexOf(String(x), typeof from === 'number' ? from : 0),
  lastIndexOf: (s, [x]) => s.lastIndexOf(String(x)),
  substring: (s, [a, b]) => s.substring(Number(a), b === undefined ? undefined : Number(b)),
  substr: (s, [a, b]) => s.substr(Number(a), b === undefined ? undefined : Number(b)),
  slice: (s, [a, b]) => s.slice(Number(a), b === undefined ? undefined : Number(b)),
  charAt: (s, [a]) => s.charAt(Number(a)),
  startsWith: (s, [x]) => s.startsWith(String(x)),
  endsWith: (s, [x]) => s.endsWith(String(x)),
  trim: (s) => s.trim(),
};

class Interp {
  private globals = new Map<string, Value>();
  constructor(private readonly program: Stmt[]) {}

  run(url: string, host: string, st: RunState): ReturnSignal {
    this.globals = new Map();
    // Hoist function declarations, then run top-level statements (var initialisers).
    for (const s of this.program) if (s.k === 'func') this.globals.set(s.name, { fn: s });
    for (const s of this.program) if (s.k !== 'func') this.exec(s, [this.globals], st);
    const f = this.globals.get('FindProxyForURL');
    if (!f || typeof f !== 'object' || f === null || !('fn' in f)) throw new PacSyntaxError('no FindProxyForURL function');
    return this.callFunc(f, [url, host], st);
  }

  private callFunc(f: FuncValue, args: Value[], st: RunState): ReturnSignal {
    if (++st.depth > MAX_DEPTH) throw new PacUnsupported('recursion too deep');
    const scope = new Map<string, Value>();
    f.fn.params.forEach((p, i) => scope.set(p, args[i]));
    try {
      for (const s of f.fn.body) this.exec(s, [this.globals, scope], st);
    } catch (e) {
      if (e instanceof ReturnSignal) return e;
      throw e;
    } finally {
      st.depth--;
    }
    return new ReturnSignal(undefined, null);
  }

  private step(st: RunState): void {
    if (++st.steps > MAX_STEPS) throw new PacUnsupported('script runs too long');
  }

  private truthy(v: Value, text: string, st: RunState): boolean {
    if (v === UNKNOWN) {
      // An input we cannot know offline: let the path enumerator decide.
      if (st.used >= st.decisions.length) throw new NeedsDecision();
      st.unknowns.push(text);
      return st.decisions[st.used++]!;
    }
    return Boolean(v);
  }

  private exec(s: Stmt, scopes: Map<string, Value>[], st: RunState): void {
    this.step(st);
    switch (s.k) {
      case 'func': scopes[scopes.length - 1]!.set(s.name, { fn: s }); return;
      case 'var':
        for (const d of s.decls) scopes[scopes.length - 1]!.set(d.name, d.init ? this.eval(d.init, scopes, st) : undefined);
        return;
      case 'block': for (const b of s.body) this.exec(b, scopes, st); return;
      case 'empty': return;
      case 'expr': this.eval(s.e, scopes, st); return;
      case 'return': {
        const v = s.e ? this.eval(s.e, scopes, st) : undefined;
        throw new ReturnSignal(v, st.ruleStack.length > 0 ? st.ruleStack[st.ruleStack.length - 1]! : null);
      }
      case 'if': {
        if (this.truthy(this.eval(s.c, scopes, st), s.text, st)) {
          st.ruleStack.push(s.text);
          try { this.exec(s.a, scopes, st); } finally { st.ruleStack.pop(); }
        } else if (s.b) this.exec(s.b, scopes, st);
        return;
      }
    }
  }

  private lookup(name: string, scopes: Map<string, Value>[]): Value {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.has(name)) return scopes[i]!.get(name);
    throw new PacUnsupported(`unknown name '${name}'`);
  }

  private eval(e: Expr, scopes: Map<string, Value>[], st: RunState): Value {
    this.step(st);
    switch (e.k) {
      case 'lit': return e.v;
      case 'id': return this.lookup(e.name, scopes);
      case 'assign': {
        let v = this.eval(e.e, scopes, st);
        const target = [...scopes].reverse().find((m) => m.has(e.name)) ?? this.globals;
        if (e.op === '+=') v = this.add(target.get(e.name), v);
        target.set(e.name, v);
        return v;
      }
      case 'un': {
        const v = this.eval(e.e, scopes, st);
        if (e.op === '!') return !this.truthy(v, '!…', st);
        return v === UNKNOWN ? UNKNOWN : -Number(v);
      }
      case 'cond': return this.truthy(this.eval(e.c, scopes, st), '?:', st) ? this.eval(e.a, scopes, st) : this.eval(e.b, scopes, st);
      case 'bin': {
        if (e.op === '&&') {
          const l = this.eval(e.l, scopes, st);
          return this.truthy(l, '&&', st) ? this.eval(e.r, scopes, st) : l === UNKNOWN ? false : l;
        }
        if (e.op === '||') {
          const l = this.eval(e.l, scopes, st);
          return this.truthy(l, '||', st) ? (l === UNKNOWN ? true : l) : this.eval(e.r, scopes, st);
        }
        const l = this.eval(e.l, scopes, st);
        const r = this.eval(e.r, scopes, st);
        if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
        if (typeof l === 'object' && l !== null) throw new PacUnsupported('operators on functions');
        if (typeof r === 'object' && r !== null) throw new PacUnsupported('operators on functions');
        switch (e.op) {
          case '+': return this.add(l, r);
          case '-': return Number(l) - Number(r);
          case '*': return Number(l) * Number(r);
          case '/': return Number(l) / Number(r);
          case '%': return Number(l) % Number(r);
          // eslint-disable-next-line eqeqeq
          case '==': return l == r;
          // eslint-disable-next-line eqeqeq
          case '!=': return l != r;
          case '===': return l === r;
          case '!==': return l !== r;
          case '<': return (l as number) < (r as number);
          case '>': return (l as number) > (r as number);
          case '<=': return (l as number) <= (r as number);
          case '>=': return (l as number) >= (r as number);
        }
        throw new PacUnsupported(`operator ${e.op}`);
      }
      case 'member': {
        const o = this.eval(e.obj, scopes, st);
        if (o === UNKNOWN) return UNKNOWN;
        if (typeof o === 'string' && e.prop === 'length') return o.length;
        throw new PacUnsupported(`property .${e.prop}`);
      }
      case 'call': {
        if (e.callee.k === 'member') {
          const o = this.eval(e.callee.obj, scopes, st);
          const args = e.args.map((a) => this.eval(a, scopes, st));
          if (o === UNKNOWN || args.includes(UNKNOWN)) return UNKNOWN;
          const m = STRING_METHODS[e.callee.prop];
          if (typeof o !== 'string' || !m || !Object.prototype.hasOwnProperty.call(STRING_METHODS, e.callee.prop)) {
            throw new PacUnsupported(`method .${e.callee.prop}()`);
          }
          return m(o, args);
        }
        if (e.callee.k !== 'id') throw new PacUnsupported('calling an expression');
        const name = e.callee.name;
        const args = e.args.map((a) => this.eval(a, scopes, st));
        const user = scopes.some((m) => m.has(name)) ? this.lookup(name, scopes) : undefined;
        if (user && typeof user === 'object' && 'fn' in user) return this.callFunc(user, args, st).value;
        if (Object.prototype.hasOwnProperty.call(BUILTINS, name)) return BUILTINS[name]!(args, st);
        throw new PacUnsupported(`function ${name}()`);
      }
    }
  }

  private add(l: Value, r: Value): Value {
    if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
    if (typeof l === 'string' || typeof r === 'string') return String(l) + String(r);
    return Number(l) + Number(r);
  }
}

/** "PROXY a:1; PROXY b:2; DIRECT" -> entries. */
export function parsePacResult(raw: string): PacEntry[] {
  const out: PacEntry[] = [];
  for (const part of raw.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^([A-Za-z0-9]+)\s*(\S*)$/.exec(p);
    if (!m) continue;
    const type = m[1]!.toUpperCase();
    if (type === 'DIRECT') out.push({ type: 'DIRECT' });
    else if (type === 'PROXY' || type === 'HTTP' || type === 'HTTPS') out.push({ type: 'PROXY', hostPort: m[2]! });
    else if (type.startsWith('SOCKS')) out.push({ type: 'SOCKS', hostPort: m[2]! });
  }
  return out;
}

/** Parses a PAC script once; evaluate it for many URLs with `evaluatePac`. */
export function compilePac(text: string): { ok: true; program: Stmt[] } | { ok: false; reason: string; unsupported: boolean } {
  if (text.length > MAX_SOURCE) return { ok: false, reason: 'the PAC script is larger than 256 KB', unsupported: true };
  try {
    return { ok: true, program: new Parser(tokenize(text), text).program() };
  } catch (e) {
    if (e instanceof PacUnsupported) return { ok: false, reason: `the PAC script uses ${e.message}, which the offline evaluator does not run`, unsupported: true };
    if (e instanceof PacSyntaxError) return { ok: false, reason: `the PAC script does not parse: ${e.message}`, unsupported: false };
    throw e;
  }
}

/** FindProxyForURL(url, host) for one URL, exploring unknown (DNS/clock) conditions. */
export function evaluatePac(text: string, url: string): PacOutcome {
  const compiled = compilePac(text);
  if (!compiled.ok) return { kind: 'unsupported', reason: compiled.reason };
  const interp = new Interp(compiled.program);
  const host = new URL(url).hostname;
  const results = new Map<string, { rule: string | null }>();
  const unknowns = new Set<string>();
  // Depth-first over the decisions for unknown conditions: [], [false], [true], [false,false], ...
  const queue: boolean[][] = [[]];
  let paths = 0;
  while (queue.length > 0) {
    if (++paths > MAX_PATHS) return { kind: 'unknown', reason: `the result depends on too many conditions known only on the network (${[...unknowns].slice(0, 3).join(', ')})` };
    const decisions = queue.shift()!;
    const st: RunState = { steps: 0, depth: 0, decisions, used: 0, unknowns: [], ruleStack: [] };
    try {
      const r = interp.run(url, host, st);
      st.unknowns.forEach((u) => unknowns.add(u));
      if (r.value === UNKNOWN) return { kind: 'unknown', reason: `FindProxyForURL returns a value computed from ${[...unknowns].join(', ') || 'the network'}` };
      if (typeof r.value !== 'string') return { kind: 'unsupported', reason: 'FindProxyForURL did not return a string' };
      if (!results.has(r.value)) results.set(r.value, { rule: r.rule });
    } catch (e) {
      if (e instanceof NeedsDecision) {
        st.unknowns.forEach((u) => unknowns.add(u));
        queue.push([...decisions, false], [...decisions, true]);
        continue;
      }
      if (e instanceof PacUnsupported) return { kind: 'unsupported', reason: `the PAC script uses ${e.message}, which the offline evaluator does not run` };
      if (e instanceof PacSyntaxError) return { kind: 'unsupported', reason: `the PAC script does not parse: ${e.message}` };
      throw e;
    }
  }
  if (results.size === 1) {
    const [raw, { rule }] = [...results.entries()][0]!;
    return { kind: 'result', raw, entries: parsePacResult(raw), rule };
  }
  return {
    kind: 'unknown',
    reason: `the PAC answer depends on ${[...unknowns].join(', ')} (${[...results.keys()].map((r) => `"${r}"`).join(' or ')})`,
  };
}
