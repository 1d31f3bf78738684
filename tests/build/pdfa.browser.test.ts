// `bulletin build --pdfa`: PDF/A-2b, checked clause by clause (tests/helpers/pdfa.ts) on the
// printed demos — one with pictures and the 本期要目 links — with byte reproducibility kept; and
// each of the checks shown to fail on a file that lacks its part.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { captureIo, copyInto, tempProject } from '../helpers/project.js';
import { pdfaViolations } from '../helpers/pdfa.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ISSUES = ['2021/064', '2021/065', '2022/001'];
let dir: string;
const archived = new Map<string, Buffer>();
const plain = new Map<string, Buffer>();

beforeAll(async () => {
  dir = await tempProject();
  for (const issue of ISSUES) await copyInto(dir, path.join(ROOT, 'bulletins', `${issue}.md`), `bulletins/${issue}.md`);
  await copyInto(dir, path.join(ROOT, 'bulletins/2021/images'), 'bulletins/2021/images');
  const io = captureIo(dir);
  expect((await build({ io, formats: ['pdf'], pdfa: true, out: 'pdfa' })).exitCode, io.err()).toBe(0);
  expect((await build({ io, formats: ['pdf'], out: 'plain' })).exitCode, io.err()).toBe(0);
  for (const issue of ISSUES) {
    archived.set(issue, await readFile(path.join(dir, 'pdfa', `${issue}.pdf`)));
    plain.set(issue, await readFile(path.join(dir, 'plain', `${issue}.pdf`)));
  }
}, 120_000);

describe('PDF/A-2b (real browser)', () => {
  it('meets every checked clause of ISO 19005-2 on each demo issue', async () => {
    for (const issue of ISSUES) expect(await pdfaViolations(archived.get(issue)!), issue).toEqual([]);
  });

  it('identifies itself as PDF/A-2B in XMP that pdf.js reads, with the issue’s title and date', async () => {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(archived.get('2021/064')!), verbosity: 0 }).promise;
    const { metadata, info } = await doc.getMetadata();
    expect(metadata?.get('pdfaid:part')).toBe('2');
    expect(metadata?.get('pdfaid:conformance')).toBe('B');
    expect(metadata?.get('dc:title')).toBe((info as { Title: string }).Title);
    // The issue's day at midnight in Beijing (UTC+8), as the Info dictionary dates it.
    expect(metadata?.get('xmp:createdate')).toBe('2021-06-24T16:00:00Z');
    await doc.destroy();
  });

  it('gives every file an identifier from its content, the same on a rebuild, another for another issue', async () => {
    const ids = ISSUES.map((issue) => /\/ID \[<([0-9A-F]{32})> <\1>\]/.exec(archived.get(issue)!.toString('latin1'))?.[1]);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ISSUES.length);
    const io = captureIo(dir);
    expect((await build({ io, formats: ['pdf'], pdfa: true, out: 'again', force: true })).exitCode).toBe(0);
    for (const issue of ISSUES) expect((await readFile(path.join(dir, 'again', `${issue}.pdf`))).equals(archived.get(issue)!), issue).toBe(true);
  });

  it('is what the checks refuse without --pdfa: no metadata, no output intent', async () => {
    const violations = await pdfaViolations(plain.get('2021/065')!);
    expect(violations).toContain('6.6.2.1 metadata');
    expect(violations).toContain('6.2.3 output intent');
  });

  it('each check fails when its part is taken out of a PDF/A file', async () => {
    const without = async (change: (doc: PDFDocument) => void) => {
      const doc = await PDFDocument.load(archived.get('2021/065')!, { updateMetadata: false });
      change(doc);
      return pdfaViolations(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
    };
    expect(await without((d) => d.catalog.delete(PDFName.of('OutputIntents')))).toContain('6.2.3 output intent');
    expect(await without((d) => d.catalog.delete(PDFName.of('Metadata')))).toContain('6.6.2.1 metadata');
    expect(await without((d) => d.setTitle('另一个标题'))).toContain('6.6.3 Title ≠ dc:title');
    expect(await without((d) => d.setProducer('something else'))).toContain('6.6.3 Producer ≠ pdf:Producer');
    expect(await without((d) => d.context.trailerInfo.ID = undefined)).toContain('6.1.3 trailer ID');
    expect(
      await without((d) => {
        const annot = d.context.enumerateIndirectObjects().map(([, o]) => o).find((o) => o instanceof Object && 'get' in o && (o as { get: (n: PDFName) => unknown }).get(PDFName.of('Subtype'))?.toString() === '/Link');
        (annot as unknown as { set: (n: PDFName, v: unknown) => void }).set(PDFName.of('F'), d.context.obj(0));
      }),
    ).toContain('6.3.2 annotation flags');
  });
});
