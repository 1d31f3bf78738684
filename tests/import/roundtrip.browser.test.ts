// The import round trip: each demo issue and the real sample, built to PDF, then imported back
// (a) from the PDF itself, (b) from pdftotext's text, (c) from pdftotext -layout's text, and
// from the Word file the build writes (with the docx package, as Word would), gives
// the source it was built from — the same front matter (as it prints: printed defaults to the
// date, distribution to the preset's), titles, subtitles, editor's notes, headings, paragraphs
// and tables, text compared without white space. Pictures cannot come back from print: their
// captions must, as figures whose file is left to supply. pdftotext is poppler's where it is
// installed, else made with pdf.js (tests/helpers/pdftext.ts); both are run when poppler is here.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { RootContent } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { importText } from '../../src/core/importText.js';
import { defaultConfig } from '../../src/config/schema.js';
import { captureIo, FIXTURES, tempProject } from '../helpers/project.js';
import { hasPdftotext, pdfText } from '../helpers/pdftext.js';
import { splitSource } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ISSUES = {
  'demo 2021/064': path.join(ROOT, 'bulletins/2021/064.md'),
  'demo 2021/065': path.join(ROOT, 'bulletins/2021/065.md'),
  'demo 2022/001': path.join(ROOT, 'bulletins/2022/001.md'),
  'sample jx-2021-064': path.join(FIXTURES, 'samples/jx-2021-064.md'),
};

const squash = (s: string) => s.replace(/\s+/g, '');

/** What a source says, as compared: the front matter as it prints, and one line per block. */
export function outline(source: string): { front: Record<string, unknown>; blocks: string[] } {
  const { front, body } = splitSource(source);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body);
  const block = (node: RootContent): string => {
    if (node.type === 'heading') return `h${node.depth} ${squash(toString(node))}`;
    if (node.type === 'table') return `table ${node.children.map((row) => row.children.map((cell) => squash(toString(cell))).join('|')).join(' / ')} align ${node.align?.join(',')}`;
    if (node.type === 'blockquote') return `note ${squash(toString(node))}`;
    if (node.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'image') return `figure ${squash(node.children[0].alt ?? '')}`;
    return `${node.type} ${squash(toString(node))}`;
  };
  return { front: { distribution: defaultConfig.distribution, ...front, printed: front.printed ?? front.date }, blocks: tree.children.map(block) };
}

type Kind = 'pdf' | 'docx' | 'text' | 'layout' | 'text (pdf.js)' | 'layout (pdf.js)';
const kinds: Kind[] = ['pdf', 'docx', 'text (pdf.js)', 'layout (pdf.js)', ...(hasPdftotext() ? (['text', 'layout'] as Kind[]) : [])];

/** Each issue is built in a project of its own (the demo 064 and the sample are one issue). */
const dirs = new Map<string, string>();
beforeAll(async () => {
  for (const [name, file] of Object.entries(ISSUES)) {
    const dir = await tempProject({ [`bulletins/${name.replace(/\W+/g, '-')}.md`]: await readFile(file, 'utf8') });
    // 065 shows a picture: the project needs it to build.
    await mkdir(path.join(dir, 'bulletins/images'), { recursive: true });
    await copyFile(path.join(ROOT, 'bulletins/2021/images/drills.svg'), path.join(dir, 'bulletins/images/drills.svg'));
    const r = await build({ io: captureIo(dir), formats: ['pdf', 'docx'] });
    expect(r.issues.flatMap((i) => i.file.messages.filter((m) => m.fatal === true).map((m) => `${i.file.path}: ${m.reason}`))).toEqual([]);
    expect(r.exitCode).toBe(0);
    dirs.set(name, dir);
  }
}, 120_000);

describe.each(Object.keys(ISSUES))('round trip of %s', (name) => {
  it.each(kinds)('imported from %s gives the source back', async (kind) => {
    const stem = name.replace(/\W+/g, '-');
    const dir = dirs.get(name)!;
    const pdfFile = path.join(dir, 'dist', `${stem}.pdf`);
    const bytes = await readFile(pdfFile);
    let input = kind === 'docx' ? pdfFile.replace(/\.pdf$/, '.docx') : pdfFile;
    if (kind !== 'pdf' && kind !== 'docx') {
      input = path.join(dir, `${stem}.${kind.replace(/\W+/g, '-')}.txt`);
      await writeFile(input, await pdfText(pdfFile, bytes, kind.startsWith('layout'), !kind.includes('pdf.js')));
    }
    const out = path.join(dir, `imported-${kind.replace(/\W+/g, '-')}-${stem}`);
    const result = await importText({ files: [input], out, force: true, verify: true, io: captureIo(dir) });
    expect(result.files[0]?.error).toBeUndefined();
    // --verify finds the written source the same as the input, in text and in structure.
    expect(result.files[0]?.file.messages.filter((m) => m.ruleId === 'import-verify').map((m) => m.reason)).toEqual([]);
    expect(result.files[0]?.differences).toBe(0);
    const written = await readFile(path.join(dir, result.files[0]!.output!), 'utf8');
    const original = outline(await readFile(ISSUES[name as keyof typeof ISSUES], 'utf8'));
    const imported = outline(written);
    expect(imported.front).toEqual(original.front);
    expect(imported.blocks).toEqual(original.blocks);
  });
});
