import type { Inline } from '../../model/bulletin.js';

/** A space (or several, ASCII, tab or U+3000) between two Han characters. */
const BETWEEN_HAN = /(?<=\p{Script=Han})[ \t\u3000]+(?=\p{Script=Han})/gu;

/**
 * Two parallel phrases of a title or heading (“强化责任落实　筑牢安全防线”) are set apart by one
 * full-width space, whatever space the source holds (docs/layout.md § Body): a Latin space is a
 * quarter of a character, and a typesetter's is a whole one.
 */
export function phraseSpaces(text: string): string {
  return text.replace(BETWEEN_HAN, '\u3000');
}

/** phraseSpaces over a heading's inlines, across the text of adjacent nodes too (“**强化责任落实** 筑牢安全防线”). */
export function phraseSpacesIn(nodes: Inline[]): Inline[] {
  const out = nodes.map((n): Inline => (n.type === 'text' ? { ...n, value: phraseSpaces(n.value) } : 'children' in n ? { ...n, children: phraseSpacesIn(n.children) } : n));
  // A space at the edge of a text node between two Han characters of its neighbours.
  const lastChar = (n: Inline | undefined): string => (n?.type === 'text' || n?.type === 'code' ? n.value.slice(-1) : n && 'children' in n ? lastChar(n.children.at(-1)) : '');
  const firstChar = (n: Inline | undefined): string => (n?.type === 'text' || n?.type === 'code' ? n.value.slice(0, 1) : n && 'children' in n ? firstChar(n.children[0]) : '');
  const han = /\p{Script=Han}/u;
  for (let i = 0; i < out.length; i++) {
    const n = out[i]!;
    if (n.type !== 'text') continue;
    let value = n.value;
    if (han.test(lastChar(out[i - 1]))) value = value.replace(/^[ \t\u3000]+(?=\p{Script=Han})/u, '\u3000');
    if (han.test(firstChar(out[i + 1]))) value = value.replace(/(?<=\p{Script=Han})[ \t\u3000]+$/u, '\u3000');
    if (value.trim() === '' && value !== '' && han.test(lastChar(out[i - 1])) && han.test(firstChar(out[i + 1]))) value = '\u3000';
    out[i] = { ...n, value };
  }
  return out;
}
