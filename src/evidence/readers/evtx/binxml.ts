// Binary XML (MS-EVEN6 2.2.12-2.2.17) inside one 64 KiB chunk: names and template definitions are
// addressed by chunk offset, so everything here works on the chunk buffer with absolute offsets.
//
// A template definition is compiled once per chunk into a small tree (elements, literal text,
// substitution slots) and cached by its offset; a record is then a template instance = that tree
// plus the offsets of its substitution values, which are formatted only when the mapping to
// WinEvent asks for them. Every loop is bounded by the chunk length and recursion by MAX_DEPTH,
// so damaged data ends in an EvtxDataError, never a hang.
import { VT, arrayItems, formatValue, utf16 } from './values.js';

export class EvtxDataError extends Error {
  override name = 'EvtxDataError';
}

const MAX_DEPTH = 48;

export class ElNode {
  constructor(
    public readonly name: string,
    public readonly attrs: AttrNode[],
    public readonly children: Node[],
  ) {}
}
export class AttrNode {
  constructor(
    public readonly name: string,
    public readonly parts: Node[],
  ) {}
}
export class SubNode {
  constructor(
    public readonly index: number,
    public readonly optional: boolean,
  ) {}
}
/** A template instance: the compiled template and where its substitution values are. */
export class InstNode {
  constructor(
    public readonly template: ElNode[],
    /** Per substitution: value type, absolute offset, size (plain arrays: a typed array per record cost more to make than to read). */
    public readonly types: number[],
    public readonly offsets: number[],
    public readonly sizes: number[],
  ) {}
}
/** Text, elements, substitution slots and nested instances. */
export type Node = string | ElNode | SubNode | InstNode;

/** Where a template puts the provider's name: literal text, or a substitution's index. */
export type TemplateProvider = { literal: string; sub?: undefined } | { sub: number; optional: boolean; literal?: undefined };

function localPart(n: string): string {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class ChunkParser {
  buf: Buffer;
  /** Valid bytes of the chunk (less than 64 KiB when the file ends inside it). */
  len = 0;
  private names = new Map<number, string>();
  private templates = new Map<number, ElNode[] | EvtxDataError>();
  private inProgress = new Set<number>();
  /** Nested BinXml values parsed during this record, keyed by offset. */
  private nested = new Map<number, Node[]>();
  /** Where each template puts Event/System/Provider's name (templateProvider). */
  private providers = new Map<number, TemplateProvider | null>();

  constructor(buf: Buffer) {
    this.buf = buf;
  }

  reset(len: number): void {
    this.len = len;
    this.names.clear();
    this.templates.clear();
    this.inProgress.clear();
    this.nested.clear();
    this.providers.clear();
  }

  /**
   * Where the template at defOff puts the provider's name (Event/System/Provider @Name, else
   * @EventSourceName): literal text, or the index of the substitution that holds it; null when the
   * template does not say it plainly. Cached per chunk, like the template itself.
   */
  templateProvider(defOff: number): TemplateProvider | null {
    let tp = this.providers.get(defOff);
    if (tp !== undefined) return tp;
    tp = null;
    try {
      const roots = this.templateAt(defOff, 0);
      const event = roots.find((r) => localPart(r.name) === 'Event');
      const system = event?.children.find((c): c is ElNode => c instanceof ElNode && localPart(c.name) === 'System');
      const provider = system?.children.find((c): c is ElNode => c instanceof ElNode && localPart(c.name) === 'Provider');
      if (provider) {
        const attr = provider.attrs.find((a) => a.name === 'Name') ?? provider.attrs.find((a) => a.name === 'EventSourceName');
        if (!attr) tp = { literal: '' };
        else if (attr.parts.every((x) => typeof x === 'string')) tp = { literal: attr.parts.join('') };
        else if (attr.parts.length === 1 && attr.parts[0] instanceof SubNode) tp = { sub: attr.parts[0].index, optional: attr.parts[0].optional };
      }
    } catch (e) {
      if (!(e instanceof EvtxDataError)) throw e;
    }
    this.providers.set(defOff, tp);
    return tp;
  }

  /** Node visits left for this record: templates can nest instances of other templates, so a
   * hostile chunk could make the expansion exponential even though every parse is bounded. */
  private budget = 0;

  beginRecord(): void {
    if (this.nested.size > 0) this.nested.clear();
    this.budget = 200_000;
  }

  private spend(): void {
    if (--this.budget < 0) throw new EvtxDataError('record expands to too many nodes');
  }

  private need(o: number, n: number, what: string): void {
    if (o < 0 || o + n > this.len) throw new EvtxDataError(`${what} at offset ${o} runs past the chunk`);
  }

  /** A name string (MS-EVEN6 2.2.15) at a chunk offset: next u32, hash u16, count u16, UTF-16, NUL. */
  private nameAt(o: number): string {
    const cached = this.names.get(o);
    if (cached !== undefined) return cached;
    this.need(o, 8, 'name');
    const n = this.buf.readUInt16LE(o + 6);
    this.need(o + 8, n * 2, 'name');
    const s = this.buf.toString('utf16le', o + 8, o + 8 + n * 2);
    this.names.set(o, s);
    return s;
  }

  /** Reads a name reference at p; returns the name and the offset after it (skipping an inline name). */
  private nameRef(p: number): [string, number] {
    this.need(p, 4, 'name reference');
    const off = this.buf.readUInt32LE(p);
    const after = p + 4;
    if (off === after) {
      const name = this.nameAt(off);
      return [name, after + 10 + name.length * 2];
    }
    if (off >= this.len || off < 512) throw new EvtxDataError(`name offset ${off} outside the chunk`);
    return [this.nameAt(off), after];
  }

  /**
   * Parses a fragment (fragment header, then an element or a template instance) between p and end.
   * `depId`: element headers carry the 2-byte dependency id (true inside template definitions).
   */
  parseFragment(p: number, end: number, depId: boolean, depth: number): Node[] {
    const out: Node[] = [];
    this.content(p, end, depId, depth, out, false);
    return out;
  }

  /** Parses tokens into `out` until EOF, an end-element token (when inElement) or `end`. Returns the offset after. */
  private content(p: number, end: number, depId: boolean, depth: number, out: Node[], inElement: boolean): number {
    if (depth > MAX_DEPTH) throw new EvtxDataError('binary XML nested too deeply');
    const buf = this.buf;
    if (end > this.len) end = this.len;
    while (p < end) {
      const t = buf[p]!;
      switch (t & 0x0f) {
        case 0x00: // end of fragment
          if (inElement) throw new EvtxDataError(`fragment ends inside an element at ${p}`);
          return p + 1;
        case 0x0f: // fragment header: major, minor, flags
          p += 4;
          break;
        case 0x04: // end element
          if (!inElement) throw new EvtxDataError(`unexpected end element at ${p}`);
          return p + 1;
        case 0x01: {
          const r = this.element(p, end, depId, depth + 1);
          out.push(r[0]);
          p = r[1];
          break;
        }
        case 0x0c: {
          const r = this.templateInstance(p, end, depth + 1);
          out.push(r[0]);
          p = r[1];
          break;
        }
        case 0x05:
        case 0x07:
        case 0x08:
        case 0x09:
        case 0x0d:
        case 0x0e: {
          p = this.valueToken(p, end, out);
          break;
        }
        case 0x0a: // PI target: name
          p = this.nameRef(p + 1)[1];
          break;
        case 0x0b: {
          // PI data: u16 count + UTF-16
          this.need(p + 1, 2, 'PI data');
          p += 3 + buf.readUInt16LE(p + 1) * 2;
          break;
        }
        default:
          throw new EvtxDataError(`unexpected token 0x${t.toString(16)} at ${p}`);
      }
    }
    if (inElement) throw new EvtxDataError('element runs past its data');
    return p;
  }

  /** Value-like tokens (text, CDATA, char/entity reference, substitution) appended to out. */
  private valueToken(p: number, end: number, out: Node[]): number {
    const buf = this.buf;
    const t = buf[p]! & 0x0f;
    switch (t) {
      case 0x05: {
        this.need(p + 1, 1, 'value');
        const type = buf[p + 1]!;
        if (type === VT.String) {
          this.need(p + 2, 2, 'value');
          const n = buf.readUInt16LE(p + 2);
          this.need(p + 4, n * 2, 'value text');
          out.push(buf.toString('utf16le', p + 4, p + 4 + n * 2));
          return p + 4 + n * 2;
        }
        if (type === VT.AnsiString) {
          this.need(p + 2, 2, 'value');
          const n = buf.readUInt16LE(p + 2);
          this.need(p + 4, n, 'value text');
          out.push(buf.toString('latin1', p + 4, p + 4 + n));
          return p + 4 + n;
        }
        throw new EvtxDataError(`value token of type 0x${type.toString(16)} at ${p}`);
      }
      case 0x07: {
        this.need(p + 1, 2, 'CDATA');
        const n = buf.readUInt16LE(p + 1);
        this.need(p + 3, n * 2, 'CDATA');
        out.push(utf16(buf, p + 3, p + 3 + n * 2));
        return p + 3 + n * 2;
      }
      case 0x08: {
        this.need(p + 1, 2, 'character reference');
        out.push(String.fromCharCode(buf.readUInt16LE(p + 1)));
        return p + 3;
      }
      case 0x09: {
        const [name, after] = this.nameRef(p + 1);
        out.push(ENTITIES[name] ?? `&${name};`);
        return after;
      }
      default: {
        // 0x0d normal / 0x0e optional substitution: index u16, value type u8
        this.need(p + 1, 3, 'substitution');
        out.push(new SubNode(buf.readUInt16LE(p + 1), t === 0x0e));
        return p + 4;
      }
    }
  }

  private element(p: number, end: number, depId: boolean, depth: number): [ElNode, number] {
    // Writers disagree on the 2-byte dependency id (template definitions carry it; direct record
    // elements and nested BinXml values usually do not, forwarded events vary): when the expected
    // layout does not lead to a name reference, use the other one. Decided from the header only,
    // so a damaged subtree never makes the parse retry (which could be exponential in depth).
    const use = this.nameRefLooksValid(p, depId) || !this.nameRefLooksValid(p, !depId) ? depId : !depId;
    return this.elementWith(p, end, use, depth);
  }

  private nameRefLooksValid(p: number, depId: boolean): boolean {
    const q = p + 1 + (depId ? 2 : 0) + 4;
    if (q + 4 > this.len) return false;
    const off = this.buf.readUInt32LE(q);
    if (off === q + 4) return q + 12 <= this.len;
    return off >= 512 && off < q && off + 8 <= this.len;
  }

  private elementWith(p: number, end: number, depId: boolean, depth: number): [ElNode, number] {
    if (depth > MAX_DEPTH) throw new EvtxDataError('binary XML nested too deeply');
    const buf = this.buf;
    const hasAttrs = (buf[p]! & 0x40) !== 0;
    let q = p + 1 + (depId ? 2 : 0) + 4; // token, [dependency id], data size
    this.need(q, 4, 'element');
    const nameOff = buf.readUInt32LE(q);
    // A name is defined inline (== right here) or earlier in the chunk.
    if (nameOff !== q + 4 && (nameOff >= q || nameOff < 512)) {
      throw new EvtxDataError(`element name offset ${nameOff} at ${p} is not a name`);
    }
    const [name, afterName] = this.nameRef(q);
    q = afterName;
    const attrs: AttrNode[] = [];
    if (hasAttrs) {
      this.need(q, 4, 'attribute list');
      q += 4; // attribute list size
      while (q < end && (buf[q]! & 0x0f) === 0x06) {
        const [aname, afterA] = this.nameRef(q + 1);
        q = afterA;
        const parts: Node[] = [];
        while (q < end) {
          const t = buf[q]! & 0x0f;
          if (t === 0x05 || t === 0x08 || t === 0x09 || t === 0x0d || t === 0x0e || t === 0x07) {
            q = this.valueToken(q, end, parts);
          } else break;
        }
        attrs.push(new AttrNode(aname, parts));
      }
    }
    this.need(q, 1, 'element');
    const t = buf[q]! & 0x0f;
    const children: Node[] = [];
    if (t === 0x03) {
      q += 1;
    } else if (t === 0x02) {
      q = this.content(q + 1, end, depId, depth, children, true);
    } else {
      throw new EvtxDataError(`element '${name}' at ${p}: expected close of start tag, found 0x${buf[q]!.toString(16)}`);
    }
    return [new ElNode(name, attrs, children), q];
  }

  private templateAt(defOff: number, depth: number): ElNode[] {
    const cached = this.templates.get(defOff);
    if (cached !== undefined) {
      if (cached instanceof EvtxDataError) throw cached;
      return cached;
    }
    if (this.inProgress.has(defOff)) throw new EvtxDataError(`template at ${defOff} refers to itself`);
    let result: ElNode[] | EvtxDataError;
    this.inProgress.add(defOff);
    try {
      if (defOff < 512) throw new EvtxDataError(`template offset ${defOff} inside the chunk header`);
      this.need(defOff, 24, 'template definition');
      const size = this.buf.readUInt32LE(defOff + 20);
      this.need(defOff + 24, size, 'template definition');
      const nodes = this.parseFragment(defOff + 24, defOff + 24 + size, true, depth);
      const els = nodes.filter((n): n is ElNode => n instanceof ElNode);
      if (els.length === 0) throw new EvtxDataError(`template at ${defOff} has no element`);
      result = els;
    } catch (e) {
      if (!(e instanceof EvtxDataError)) throw e;
      result = e;
    } finally {
      this.inProgress.delete(defOff);
    }
    this.templates.set(defOff, result);
    if (result instanceof EvtxDataError) throw result;
    return result;
  }

  private templateInstance(p: number, end: number, depth: number): [InstNode, number] {
    const buf = this.buf;
    this.need(p, 10, 'template instance');
    const defOff = buf.readUInt32LE(p + 6);
    let q = p + 10;
    if (defOff === q) {
      // Defined inline: skip the definition (next offset u32, GUID, size u32, body).
      this.need(q, 24, 'template definition');
      q += 24 + buf.readUInt32LE(q + 20);
    }
    const template = this.templateAt(defOff, depth);
    this.need(q, 4, 'substitution count');
    const count = buf.readUInt32LE(q);
    q += 4;
    if (count * 4 > end - q) throw new EvtxDataError(`template instance at ${p}: ${count} substitutions do not fit`);
    const types: number[] = [];
    const offsets: number[] = [];
    const sizes: number[] = [];
    let v = q + count * 4;
    for (let i = 0; i < count; i++) {
      const size = buf[q + i * 4]! | (buf[q + i * 4 + 1]! << 8);
      types.push(buf[q + i * 4 + 2]!);
      offsets.push(v);
      sizes.push(size);
      v += size;
    }
    if (v > end) throw new EvtxDataError(`template instance at ${p}: substitution values run past the record`);
    return [new InstNode(template, types, offsets, sizes), v];
  }

  /** Nested binary XML held in a BinXml substitution value. */
  nestedNodes(o: number, size: number, depth: number): Node[] {
    let nodes = this.nested.get(o);
    if (nodes === undefined) {
      nodes = this.parseFragment(o, o + size, false, depth + 1);
      this.nested.set(o, nodes);
    }
    return nodes;
  }

  /** A substitution as text ('' when absent or null). */
  subText(inst: InstNode, index: number, depth: number): string {
    if (index >= inst.types.length) return '';
    const type = inst.types[index]!;
    const size = inst.sizes[index]!;
    if (type === VT.BinXml) return this.text(this.nestedNodes(inst.offsets[index]!, size, depth), inst, depth + 1);
    return formatValue(this.buf, type, inst.offsets[index]!, size);
  }

  /**
   * When nodes are exactly one substitution holding an array, its items (Windows repeats the
   * element once per item); otherwise null.
   */
  arrayOf(nodes: Node[], inst: InstNode | null): string[] | null {
    if (nodes.length !== 1 || !inst) return null;
    const n = nodes[0]!;
    if (!(n instanceof SubNode) || n.index >= inst.types.length) return null;
    const type = inst.types[n.index]!;
    if ((type & VT.ArrayFlag) === 0) return null;
    return arrayItems(this.buf, type, inst.offsets[n.index]!, inst.sizes[n.index]!);
  }

  /** Text content of nodes (XML string value: text of all descendants). */
  text(nodes: Node[], inst: InstNode | null, depth: number): string {
    if (depth > MAX_DEPTH) throw new EvtxDataError('binary XML nested too deeply');
    if (nodes.length === 1) return this.nodeText(nodes[0]!, inst, depth);
    let s = '';
    for (const n of nodes) s += this.nodeText(n, inst, depth);
    return s;
  }

  private nodeText(n: Node, inst: InstNode | null, depth: number): string {
    this.spend();
    if (typeof n === 'string') return n;
    if (n instanceof SubNode) return inst ? this.subText(inst, n.index, depth) : '';
    if (n instanceof ElNode) return this.text(n.children, inst, depth + 1);
    return this.text(n.template, n, depth + 1);
  }

  /** Whether a substitution slot holds no value (null type or zero size). */
  isEmpty(inst: InstNode | null, n: SubNode): boolean {
    if (!inst || n.index >= inst.types.length) return true;
    return inst.types[n.index] === VT.Null || inst.sizes[n.index] === 0;
  }

  /**
   * Calls fn for every element among nodes, expanding template instances and BinXml substitutions,
   * with the instance whose values the element refers to.
   */
  forEachElement(nodes: Node[], inst: InstNode | null, depth: number, fn: (el: ElNode, inst: InstNode | null) => void): void {
    if (depth > MAX_DEPTH) throw new EvtxDataError('binary XML nested too deeply');
    for (const n of nodes) {
      this.spend();
      if (n instanceof ElNode) fn(n, inst);
      else if (n instanceof InstNode) this.forEachElement(n.template, n, depth + 1, fn);
      else if (n instanceof SubNode && inst && n.index < inst.types.length && inst.types[n.index] === VT.BinXml) {
        this.forEachElement(this.nestedNodes(inst.offsets[n.index]!, inst.sizes[n.index]!, depth), inst, depth + 1, fn);
      }
    }
  }

  /** An attribute's value, or undefined when the attribute is absent or an optional substitution is empty. */
  attr(el: ElNode, name: string, inst: InstNode | null, depth: number): string | undefined {
    for (const a of el.attrs) {
      if (a.name !== name) continue;
      if (a.parts.length === 1) {
        const only = a.parts[0]!;
        if (only instanceof SubNode && only.optional && this.isEmpty(inst, only)) return undefined;
      }
      return this.text(a.parts, inst, depth + 1);
    }
    return undefined;
  }
}
