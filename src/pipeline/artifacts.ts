/**
 * Painting that is not part of the document's structure is marked as an artifact (ISO 32000
 * §14.8.2.2; PDF/UA, and readers that read aloud or reflow): in Chromium's tagged PDF the page
 * numbers (margin boxes), the masthead's red rule and the 版记's rules are drawn outside any
 * marked-content sequence. Each such piece — a text object, a painted path, an XObject or shading
 * drawn — is wrapped in `/Artifact BMC … EMC`, at the marked-content depth 0 where it stands, so
 * nesting with BT/ET and q/Q stays as it was. Content that this reader does not know (an inline
 * image) is left alone: the stream is returned unchanged.
 */

/** White space and delimiters (PDF 7.2.2–3), by character code: a table, not a regular expression per character. */
const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIMITS = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITS[c.charCodeAt(0)] = 1;
for (const c of [0, 9, 10, 12, 13, 32]) DELIMITS[c] = 1;
const NUMERIC = new Uint8Array(256);
for (const c of '0123456789+-.') NUMERIC[c.charCodeAt(0)] = 1;
const code = (text: string, i: number) => text.charCodeAt(i) & 0xff;

const PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);

interface Op {
  name: string;
  /** Where its first operand (or the operator itself) starts, and where the operator ends. */
  start: number;
  end: number;
}

/** The operators of a content stream (latin1 text) with their places; undefined for what is not read here. */
function operators(text: string): Op[] | undefined {
  const ops: Op[] = [];
  let i = 0;
  let operandStart = -1;
  const n = text.length;
  const skipString = (at: number): number => {
    let depth = 0;
    for (let k = at; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x5c /* \\ */) k++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) return k + 1;
    }
    return n;
  };
  const skipNested = (at: number, open: number, close: number, pair: boolean): number => {
    let depth = 0;
    for (let k = at; k < n; ) {
      const c = code(text, k);
      if (c === 0x28) {
        k = skipString(k);
        continue;
      }
      if (c === open && (!pair || code(text, k + 1) === open)) {
        depth++;
        k += pair ? 2 : 1;
        continue;
      }
      if (c === close && (!pair || code(text, k + 1) === close)) {
        k += pair ? 2 : 1;
        if (--depth === 0) return k;
        continue;
      }
      k++;
    }
    return n;
  };
  while (i < n) {
    const c = code(text, i);
    if (WHITE[c]) {
      i++;
      continue;
    }
    if (c === 0x25 /* % */) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const at = i;
    if (c === 0x28 /* ( */) i = skipString(i);
    else if (c === 0x3c /* < */ && text[i + 1] === '<') i = skipNested(i, 0x3c, 0x3e, true);
    else if (c === 0x3c) i = text.indexOf('>', i) + 1 || n;
    else if (c === 0x5b /* [ */) i = skipNested(i, 0x5b, 0x5d, false);
    else if (c === 0x2f /* / */) {
      i++;
      while (i < n && !DELIMITS[code(text, i)]) i++;
    } else if (NUMERIC[c]) {
      while (i < n && NUMERIC[code(text, i)]) i++;
    } else {
      while (i < n && !DELIMITS[code(text, i)]) i++;
      const name = text.slice(at, i);
      if (name === 'BI' || name === 'ID' || name === '') return undefined;
      ops.push({ name, start: operandStart >= 0 ? operandStart : at, end: i });
      operandStart = -1;
      continue;
    }
    if (operandStart < 0) operandStart = at;
  }
  return ops;
}

/** The content stream with its unmarked painting wrapped as artifacts, or undefined when it cannot be read. */
export function markArtifacts(text: string): string | undefined {
  const ops = operators(text);
  if (!ops) return undefined;
  const wraps: Array<[number, number]> = [];
  // Pieces drawn one after another (the dashes and the figures of “— 1 —”) make one artifact,
  // unless marked content or a change of graphics state level (q, Q) lies between them.
  let joinable = false;
  const wrap = (start: number, end: number) => {
    const last = wraps.at(-1);
    if (last && joinable) last[1] = end;
    else wraps.push([start, end]);
    joinable = true;
  };
  let depth = 0;
  let textStart = -1;
  let textTagged = false;
  let pathStart = -1;
  for (const op of ops) {
    if (op.name === 'BDC' || op.name === 'BMC' || op.name === 'EMC' || op.name === 'q' || op.name === 'Q') joinable = false;
    switch (op.name) {
      case 'BDC':
      case 'BMC':
        depth++;
        if (textStart >= 0) textTagged = true;
        continue;
      case 'EMC':
        depth = Math.max(0, depth - 1);
        continue;
      case 'BT':
        textStart = depth === 0 ? op.start : -1;
        textTagged = false;
        continue;
      case 'ET':
        if (textStart >= 0 && !textTagged && depth === 0) wrap(textStart, op.end);
        textStart = -1;
        continue;
    }
    if (depth !== 0 || textStart >= 0) continue;
    if (PATH.has(op.name)) {
      if (pathStart < 0) pathStart = op.start;
    } else if (PAINT.has(op.name)) {
      if (pathStart >= 0) wrap(pathStart, op.end);
      pathStart = -1;
    } else if (op.name === 'n') pathStart = -1;
    else if (op.name === 'Do' || op.name === 'sh') wrap(op.start, op.end);
  }
  if (wraps.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of wraps) {
    out += `${text.slice(at, start)}/Artifact BMC\n${text.slice(start, end)}\nEMC`;
    at = end;
  }
  return out + text.slice(at);
}
