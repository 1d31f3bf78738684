import { dateToEpoch } from '../model/dates.js';
import { OFFICIAL } from './renderDocx.js';

/**
 * Makes a .docx reproducible and complete: the same source gives the same bytes.
 * - docProps/core.xml: created/modified are the issue's date, not the time of the build;
 * - the random ids the docx package gives hyperlinks and bookmarks are renumbered in order of
 *   first appearance;
 * - no automatic spacing between Chinese and Latin text or figures (w:autoSpaceDE/DN off);
 * - every paragraph by default: widow control, 避头尾 (w:kinsoku) and no punctuation hanging
 *   into the margin (w:overflowPunct off: Word's default lets it hang 5.6 mm);
 * - an embedded font (docx.embedFonts) is obfuscated with a key made from its own bytes, not a
 *   random one;
 * - word/fontTable.xml names each official face with the font Word should use when it is
 *   missing (w:altName: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体 …);
 * - the zip is written again with every entry dated the issue's day, in the same order.
 */
export async function finishDocx(bytes: Uint8Array, date: string, families: string[]): Promise<Uint8Array> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(bytes);
  const when = new Date(dateToEpoch(date) * 1000);
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const texts = new Map<string, string | Uint8Array>();
  for (const name of names) {
    const file = zip.files[name]!;
    texts.set(name, /\.(xml|rels)$/.test(name) ? await file.async('string') : await file.async('uint8array'));
  }

  // Random ids → stable ones, the same mapping in every part.
  const ids = new Map<string, string>();
  const stable = (id: string) => {
    let s = ids.get(id);
    if (!s) ids.set(id, (s = `b${String(ids.size + 1).padStart(4, '0')}`));
    return s;
  };
  for (const [name, text] of texts) {
    if (typeof text !== 'string') continue;
    let out = text.replace(/rId([a-z0-9_-]{21})(?![a-z0-9_-])/g, (_, id: string) => `rId${stable(id)}`);
    out = out.replace(/="([a-z0-9_-]{21})"/g, (whole, id: string) => (/[0-9]/.test(id) && /[a-z]/.test(id) ? `="${stable(id)}"` : whole));
    if (name === 'docProps/core.xml') {
      out = out.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    if (name === 'word/fontTable.xml') out = withFallbacks(out, families);
    if (name === 'word/document.xml') out = withoutAutoSpace(out);
    if (name === 'word/styles.xml') out = withParagraphDefaults(out);
    texts.set(name, out);
  }
  await stableFontKeys(texts);

  const fresh = new JSZip();
  for (const name of names) fresh.file(name, texts.get(name)!, { date: when, createFolders: false });
  return fresh.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

/** Adds a w:font entry per face used, with its fallback as w:altName (charset 86 = GB2312). */
function withFallbacks(fontTable: string, families: string[]): string {
  const alternatives = new Map<string, string>(Object.values(OFFICIAL).map((f) => [f.name, f.alt]));
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const entries = [...new Set(families)]
    .filter((f) => !fontTable.includes(`w:name="${escape(f)}"`))
    .map((f) => {
      const alt = alternatives.get(f);
      return `<w:font w:name="${escape(f)}">${alt ? `<w:altName w:val="${escape(alt)}"/>` : ''}<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
    })
    .join('');
  // The docx package writes an empty table (<w:fonts …/>) when it embeds no font.
  if (/<w:fonts\b[^>]*\/>\s*$/.test(fontTable)) return fontTable.replace(/<w:fonts\b([^>]*)\/>\s*$/, `<w:fonts$1>${entries}</w:fonts>`);
  return fontTable.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`);
}

/** What every paragraph has unless it says otherwise, in the schema's order (CT_PPrBase): widow control, 避头尾, no hanging punctuation. */
const PARAGRAPH_DEFAULTS = '<w:widowControl/><w:kinsoku/><w:overflowPunct w:val="0"/>';

/** Puts the defaults at the head of w:pPrDefault's w:pPr (nothing there precedes them: the docx package writes only w:spacing). */
function withParagraphDefaults(styles: string): string {
  if (/<w:pPrDefault>\s*<w:pPr>/.test(styles)) return styles.replace(/<w:pPrDefault>(\s*)<w:pPr>/, `<w:pPrDefault>$1<w:pPr>${PARAGRAPH_DEFAULTS}`);
  if (/<w:pPrDefault\/>/.test(styles)) return styles.replace('<w:pPrDefault/>', `<w:pPrDefault><w:pPr>${PARAGRAPH_DEFAULTS}</w:pPr></w:pPrDefault>`);
  return styles.replace(/<w:docDefaults>/, `<w:docDefaults><w:pPrDefault><w:pPr>${PARAGRAPH_DEFAULTS}</w:pPr></w:pPrDefault>`);
}

/**
 * The docx package obfuscates an embedded font (ECMA-376 Part 1 §17.8.1: the first 32 bytes
 * XORed with the w:fontKey GUID) under a random key. Each is undone and done again under a key
 * made from the font's own bytes, so the same issue gives the same file.
 */
async function stableFontKeys(texts: Map<string, string | Uint8Array>): Promise<void> {
  const table = texts.get('word/fontTable.xml');
  const rels = texts.get('word/_rels/fontTable.xml.rels');
  if (typeof table !== 'string' || typeof rels !== 'string') return;
  const { createHash } = await import('node:crypto');
  const xor = (data: Uint8Array, guid: string) => {
    const key = guid.replace(/[{}-]/g, '').match(/../g)!.map((h) => parseInt(h, 16)).reverse();
    const out = Uint8Array.from(data);
    for (let i = 0; i < 32 && i < out.length; i++) out[i]! ^= key[i % key.length]!;
    return out;
  };
  let fonts = table;
  for (const m of table.matchAll(/<w:embed(?:Regular|Bold|Italic|BoldItalic) r:id="([^"]+)" w:fontKey="(\{[0-9A-Fa-f-]+\})"/g)) {
    const [id, key] = [m[1]!, m[2]!];
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
    const part = `word/${target?.[1] ?? target?.[2] ?? ''}`;
    const data = texts.get(part);
    if (!(data instanceof Uint8Array)) continue;
    const font = xor(data, key);
    const hex = createHash('sha256').update(font).digest('hex').toUpperCase();
    const stable = `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
    texts.set(part, xor(font, stable));
    fonts = fonts.replace(key, stable);
  }
  texts.set('word/fontTable.xml', fonts);
}

/** The w:pPr children that follow w:autoSpaceDE/DN in the schema's order (CT_PPrBase). */
const AFTER_AUTOSPACE = /<w:(?:spacing|ind|contextualSpacing|mirrorIndents|suppressOverlap|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|cnfStyle|rPr|sectPr|pPrChange)\b/;
const OFF = '<w:kinsoku/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/>';

/**
 * No automatic space between Chinese and Latin text or figures in any paragraph (the PDF has
 * none; Word and WPS add a quarter em by default), each switch in its place in w:pPr: Word
 * refuses elements out of the schema's order.
 */
function withoutAutoSpace(xml: string): string {
  return xml.replace(/<w:p>(<w:pPr>([\s\S]*?)<\/w:pPr>)?/g, (_whole, pPr: string | undefined, inner: string | undefined) => {
    if (!pPr) return `<w:p><w:pPr>${OFF}</w:pPr>`;
    const body = inner ?? '';
    const at = body.search(AFTER_AUTOSPACE);
    return `<w:p><w:pPr>${at < 0 ? body + OFF : body.slice(0, at) + OFF + body.slice(at)}</w:pPr>`;
  });
}
