import type { Link, Nodes, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { report, type At } from '../diagnostics/report.js';

/**
 * Chinese typography lint over the body's text (never inline code, code, HTML or the URL of
 * a link). Every finding is a warning at its own line:column.
 */
const HAN = /\p{Script=Han}/u;
const CN_PUNCT = '，。、；：？！“”‘’（）《》【】〔〕…—·';
const PAIRS: Record<string, string> = { '（': '）', '“': '”', '‘': '’', '《': '》', '【': '】' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
const FULLWIDTH_OF: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s\p{Script=Han}，。“”（）]*|\bwww\.[^\s\p{Script=Han}，。“”（）]*/giu;
/** Stands for what is not text (inline code, HTML, a break): never Han, never punctuation. */
const GAP = '\u0000';

interface Run {
  text: string;
  at: Array<At | undefined>;
}

/** A bare URL or address made a link by GFM: its text is its URL, to be skipped like one. */
const isAutolink = (link: Link) => {
  const text = link.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  return text === link.url || text === link.url.replace(/^(https?:\/\/|mailto:)/, '');
};
const isHan = (c: string | undefined) => c !== undefined && HAN.test(c);
const isCnPunct = (c: string | undefined) => c !== undefined && CN_PUNCT.includes(c);

export function lintTypography(file: VFile, tree: Root): void {
  const source = String(file.value ?? '');
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);

  /** Positions of each character of a text node: its value aligned on its source slice. */
  const locate = (node: PhrasingContent & { value: string }): Array<At | undefined> => {
    const start = node.position?.start;
    const end = node.position?.end;
    if (!start || !end) return [];
    const from = (lineStarts[start.line - 1] ?? 0) + start.column - 1;
    const to = (lineStarts[end.line - 1] ?? 0) + end.column - 1;
    const places: At[] = [];
    let { line, column } = start;
    for (let k = from; k < to; k++) {
      places.push({ line, column });
      if (source[k] === '\n') [line, column] = [line + 1, 1];
      else column++;
    }
    const at: Array<At | undefined> = [];
    let j = 0;
    for (const ch of node.value) {
      // Escapes, entities and a blockquote's "> " make the source longer than the value.
      let k = j;
      while (k < places.length && !source.startsWith(ch, from + k)) k++;
      for (let u = 0; u < ch.length; u++) at.push(k < places.length ? places[k + u] : undefined);
      if (k < places.length) j = k + ch.length;
    }
    return at;
  };

  const collect = (nodes: PhrasingContent[], run: Run): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        run.text += node.value;
        for (const place of locate(node)) run.at.push(place); // not push(...): a 1 MB line overflows the stack
        run.at.length = run.text.length;
      } else if (node.type === 'link' && !isAutolink(node)) {
        collect(node.children, run);
      } else if ('children' in node && node.type !== 'link') {
        collect(node.children, run);
      } else {
        run.text += GAP;
        run.at.push(undefined);
      }
    }
  };

  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const run: Run = { text: '', at: [] };
      collect(node.children, run);
      const fallback = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      lintRun(file, run, fallback);
    } else if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  visit(tree);
}

function lintRun(file: VFile, run: Run, fallback: At): void {
  const text = run.text.replace(URL, (url) => GAP.repeat(url.length));
  const warn = (ruleId: string, index: number, length: number, reason: string, hint: string) => {
    const start = run.at[index];
    const last = run.at[index + length - 1];
    const at = start && last && last.line === start.line ? { ...start, endLine: last.line, endColumn: last.column + 1 } : start ?? fallback;
    report(file, 'warning', ruleId, reason, at, hint);
  };
  const near = (i: number, step: 1 | -1): string | undefined => {
    let k = i + step;
    while (text[k] === ' ' || text[k] === '\t') k += step;
    return text[k];
  };

  // typo-unpaired: brackets and quotes must pair within the paragraph.
  const stack: Array<{ ch: string; i: number }> = [];
  const unpaired = (ch: string, i: number, open: boolean) =>
    warn('typo-unpaired', i, 1, open ? `“${ch}”没有配对的“${PAIRS[ch]}”` : `“${ch}”没有配对的“${CLOSERS.get(ch)}”`,
      '括号、引号、书名号须在同一段内成对出现：补上缺少的一半，或删去多余的一个。');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '’' && /[A-Za-z]/.test(text[i - 1] ?? '') && /[A-Za-z]/.test(text[i + 1] ?? '')) continue; // apostrophe
    if (PAIRS[ch]) stack.push({ ch, i });
    const open = CLOSERS.get(ch);
    if (open === undefined) continue;
    const k = stack.map((s) => s.ch).lastIndexOf(open);
    if (k < 0) unpaired(ch, i, false);
    else for (const s of stack.splice(k).slice(1)) unpaired(s.ch, s.i, true);
  }
  for (const s of stack) unpaired(s.ch, s.i, true);

  // typo-halfwidth-punct: "安全,生产" → "安全，生产"; not "1.5", "3:00" or a URL.
  for (const m of text.matchAll(/[,.;:?!()]/g)) {
    const ch = m[0];
    const before = near(m.index, -1);
    const after = near(m.index, 1);
    const fires =
      ch === '(' || ch === ')'
        ? isHan(text[m.index - 1]) || isHan(text[m.index + 1])
        : isHan(before) && (isHan(after) || isCnPunct(after) || after === undefined || after === '\n');
    if (fires) {
      warn('typo-halfwidth-punct', m.index, 1, `中文里用了半角标点“${ch}”`, `改为全角“${FULLWIDTH_OF[ch]}”；半角标点只用于数字、字母和网址之间。`);
    }
  }

  // typo-dash: "-", "--" or a single "—" between Chinese characters, where "——" is meant.
  for (const m of text.matchAll(/[-—－]+/g)) {
    if (m[0] === '——') continue;
    const before = near(m.index, -1);
    if (isHan(near(m.index + m[0].length - 1, 1)) && (isHan(before) || before === undefined || before === '\n')) {
      warn('typo-dash', m.index, m[0].length, `中文之间的“${m[0]}”应为破折号“——”`,
        m[0] === '—'
          ? '破折号是两个“—”（U+2014）连写：“——”；若这里表示起止（如“南昌—九江”），一字线“—”是对的，可忽略。'
          : '破折号是两个“—”（U+2014）连写：“——”；连字符“-”只用在数字、字母之间，如 2021-06-25。');
    }
  }

  // typo-doubled-punct: "。。", "，，"…; "……", "——" and "？！" are correct.
  for (const m of text.matchAll(/[。，、；：！？]{2,}/g)) {
    if (m[0] === '？！' || m[0] === '！？') continue;
    warn('typo-doubled-punct', m.index, m[0].length, `标点重复：“${m[0]}”`, '只保留一个标点；省略号写作“……”，破折号写作“——”。');
  }

  // typo-fullwidth-alnum: "２０２１" → "2021".
  for (const m of text.matchAll(/[０-９Ａ-Ｚａ-ｚ]+/g)) {
    const half = [...m[0]].map((c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).join('');
    warn('typo-fullwidth-alnum', m.index, m[0].length, `全角字母或数字“${m[0]}”`, `改为半角“${half}”：数字和字母一律用半角。`);
  }
}
