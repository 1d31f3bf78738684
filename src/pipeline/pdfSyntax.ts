/**
 * Just enough of the PDF syntax (ISO 32000-1 §7.2–7.5) to edit the file Chromium prints without
 * a PDF library: the objects of a file with a classic cross-reference table, each value read
 * with the place it has in the text, so that an edit replaces that place and every other byte
 * stays as Chromium wrote it. The text is the file's bytes as a latin1 string (one char a byte).
 */

interface At {
  /** Where the value starts and ends in the text. */
  start: number;
  end: number;
}

export type PdfValue =
  | ({ kind: 'dict'; entries: Array<{ key: string; keyStart: number; value: PdfValue }> } & At)
  | ({ kind: 'array'; items: PdfValue[] } & At)
  /** A literal string, `value` its bytes decoded from the escapes. */
  | ({ kind: 'string'; value: string } & At)
  | ({ kind: 'hex'; value: string } & At)
  /** A name without its slash, #xx decoded. */
  | ({ kind: 'name'; value: string } & At)
  | ({ kind: 'number'; value: number } & At)
  | ({ kind: 'ref'; num: number; gen: number } & At)
  /** true, false, null (and anything else bare). */
  | ({ kind: 'keyword'; value: string } & At);

export type PdfDict = Extract<PdfValue, { kind: 'dict' }>;

/** Byte classes: 1 whitespace, 2 delimiter, 0 regular (ISO 32000-1 §7.2.2). */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

export class PdfSyntaxError extends Error {}

/** Reads PDF values from the text of a file. */
export class PdfReader {
  constructor(readonly text: string) {}

  /** The position of the next token at or after `p` (whitespace and comments skipped). */
  skip(p: number): number {
    const s = this.text;
    for (;;) {
      const c = s.charCodeAt(p);
      if (CLASS[c] === 1) p++;
      else if (c === 0x25 /* % */) {
        while (p < s.length && s[p] !== '\n' && s[p] !== '\r') p++;
      } else return p;
    }
  }

  private regular(p: number): number {
    const s = this.text;
    while (p < s.length && CLASS[s.charCodeAt(p)] === 0) p++;
    return p;
  }

  /** The value starting at the next token at or after `p`. */
  value(from: number): PdfValue {
    const s = this.text;
    const start = this.skip(from);
    const c = s[start];
    if (c === undefined) throw new PdfSyntaxError(`文件在 ${start} 处意外结束`);
    if (c === '<' && s[start + 1] === '<') {
      const entries: PdfDict['entries'] = [];
      let p = start + 2;
      for (;;) {
        p = this.skip(p);
        if (s[p] === '>' && s[p + 1] === '>') return { kind: 'dict', entries, start, end: p + 2 };
        const key = this.value(p);
        if (key.kind !== 'name') throw new PdfSyntaxError(`字典的键不是名称（${key.start} 处）`);
        const value = this.value(key.end);
        entries.push({ key: key.value, keyStart: key.start, value });
        p = value.end;
      }
    }
    if (c === '[') {
      const items: PdfValue[] = [];
      let p = start + 1;
      for (;;) {
        p = this.skip(p);
        if (s[p] === ']') return { kind: 'array', items, start, end: p + 1 };
        const item = this.value(p);
        items.push(item);
        p = item.end;
      }
    }
    if (c === '(') return this.literal(start);
    if (c === '<') {
      const close = s.indexOf('>', start);
      if (close < 0) throw new PdfSyntaxError(`十六进制字符串未结束（${start} 处）`);
      return { kind: 'hex', value: s.slice(start + 1, close).replace(/\s+/g, ''), start, end: close + 1 };
    }
    if (c === '/') {
      const end = this.regular(start + 1);
      const raw = s.slice(start + 1, end);
      const value = raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw;
      return { kind: 'name', value, start, end };
    }
    const end = this.regular(start);
    if (end === start) throw new PdfSyntaxError(`无法识别的记号 ${JSON.stringify(c)}（${start} 处）`);
    if (this.numeric(start, end)) {
      // An object reference is two integers and R.
      const integer = this.integer(start, end);
      if (integer >= 0) {
        const g = this.skip(end);
        const gEnd = this.regular(g);
        const gen = this.integer(g, gEnd);
        if (gen >= 0) {
          const r = this.skip(gEnd);
          if (s.charCodeAt(r) === 0x52 /* R */ && this.regular(r) === r + 1) return { kind: 'ref', num: integer, gen, start, end: r + 1 };
        }
        return { kind: 'number', value: integer, start, end };
      }
      return { kind: 'number', value: Number(s.slice(start, end)), start, end };
    }
    return { kind: 'keyword', value: s.slice(start, end), start, end };
  }

  /** Whether start–end is a number: an optional sign, digits with at most one point. */
  private numeric(start: number, end: number): boolean {
    const s = this.text;
    let p = start;
    const first = s.charCodeAt(p);
    if (first === 0x2b || first === 0x2d) p++;
    let digits = 0;
    let points = 0;
    for (; p < end; p++) {
      const c = s.charCodeAt(p);
      if (isDigit(c)) digits++;
      else if (c === 0x2e && points++ === 0) continue;
      else return false;
    }
    return digits > 0;
  }

  /** start–end as an unsigned integer, or -1 when it is not one. */
  private integer(start: number, end: number): number {
    if (end <= start || end - start > 15) return -1;
    let n = 0;
    for (let p = start; p < end; p++) {
      const c = this.text.charCodeAt(p);
      if (!isDigit(c)) return -1;
      n = n * 10 + (c - 0x30);
    }
    return n;
  }

  private literal(start: number): PdfValue {
    const s = this.text;
    let depth = 0;
    let out = '';
    for (let p = start; p < s.length; p++) {
      const c = s[p]!;
      if (c === '\\') {
        const n = s[++p];
        if (n === undefined) break;
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
        if (n in simple) out += simple[n];
        else if (/[0-7]/.test(n)) {
          let digits = n;
          while (digits.length < 3 && /[0-7]/.test(s[p + 1] ?? '')) digits += s[++p];
          out += String.fromCharCode(parseInt(digits, 8) & 0xff);
        } else if (n === '\r') {
          if (s[p + 1] === '\n') p++;
        } else if (n !== '\n') out += n;
        continue;
      }
      if (c === '(') {
        if (depth++ > 0) out += c;
      } else if (c === ')') {
        if (--depth === 0) return { kind: 'string', value: out, start, end: p + 1 };
        out += c;
      } else out += c;
    }
    throw new PdfSyntaxError(`字符串未结束（${start} 处）`);
  }
}

/** A dict's entry by key. */
export function entry(dict: PdfValue | undefined, key: string): PdfValue | undefined {
  return dict?.kind === 'dict' ? dict.entries.find((e) => e.key === key)?.value : undefined;
}

/** True when the value is the name `name` (without its slash). */
export function isName(value: PdfValue | undefined, name: string): boolean {
  return value?.kind === 'name' && value.value === name;
}

/** A literal string as PDF text, escaped. */
export function literal(bytes: string): string {
  return `(${bytes.replace(/[\\()]/g, (c) => `\\${c}`).replace(/\r/g, '\\r')})`;
}

/** Text as a PDF text string: UTF-16BE with its byte-order mark, in hex. */
export function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A number as PDF writes it: no exponent, no trailing zeros. */
export function pdfNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

export interface PdfObject {
  num: number;
  /** Where "num gen obj" starts. */
  offset: number;
  value: PdfValue;
  /** True for a stream: only its dictionary is read, never its data. */
  stream: boolean;
}

export interface PdfFile {
  bytes: Uint8Array;
  text: string;
  reader: PdfReader;
  /** In-use objects of generation 0, by number. */
  objects: Map<number, PdfObject>;
  trailer: PdfDict;
  /** Where the cross-reference table starts (the end of the last object). */
  xref: number;
}

/**
 * The objects of a file written in one go with a classic cross-reference table, as Chromium
 * (Skia) writes a PDF. Undefined for any other shape (a cross-reference stream, objects in
 * object streams, incremental updates, encryption, an offset that does not point at its
 * object): such a file is read by a PDF library instead.
 */
export function readPdf(bytes: Uint8Array): PdfFile | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const reader = new PdfReader(text);
  try {
    const tail = text.lastIndexOf('startxref');
    if (tail < 0) return undefined;
    const xref = Number(/^startxref\s+(\d+)/.exec(text.slice(tail, tail + 40))?.[1] ?? NaN);
    if (!Number.isInteger(xref) || !text.startsWith('xref', xref)) return undefined;
    const trailerAt = text.indexOf('trailer', xref);
    if (trailerAt < 0) return undefined;
    const trailer = reader.value(trailerAt + 'trailer'.length);
    if (trailer.kind !== 'dict' || ['Prev', 'Encrypt', 'XRefStm'].some((k) => entry(trailer, k))) return undefined;
    const words = text.slice(xref + 4, trailerAt).trim().split(/\s+/);
    const objects = new Map<number, PdfObject>();
    for (let i = 0; i + 1 < words.length; ) {
      const first = Number(words[i]);
      const count = Number(words[i + 1]);
      i += 2;
      for (let k = 0; k < count; k++, i += 3) {
        const [offset, gen, type] = [Number(words[i]), Number(words[i + 1]), words[i + 2]];
        if (type !== 'n') continue;
        if (gen !== 0) return undefined;
        const num = first + k;
        const head = /^(\d+)\s+0\s+obj/.exec(text.slice(offset, offset + 32));
        if (!head || Number(head[1]) !== num) return undefined;
        const value = reader.value(offset + head[0].length);
        if (isName(entry(value, 'Type'), 'ObjStm')) return undefined;
        const stream = text.startsWith('stream', reader.skip(value.end));
        objects.set(num, { num, offset, value, stream });
      }
    }
    return { bytes, text, reader, objects, trailer, xref };
  } catch (error) {
    if (error instanceof PdfSyntaxError) return undefined;
    throw error;
  }
}
