import { createHash } from 'node:crypto';
import type { Bulletin } from '../model/bulletin.js';
import { dateToEpoch } from '../model/dates.js';
import { readLayout } from '../ofd/layout.js';
import { embeddedFonts } from '../ofd/fonts.js';
import { ofdParts, type OfdMeta } from '../ofd/package.js';

export type { OfdMeta } from '../ofd/package.js';
export { FontNotEmbeddable } from '../ofd/fonts.js';

/**
 * The OFD edition of an issue (`--format ofd`, GB/T 33190-2016), converted from the finished
 * PDF: page for page what the PDF prints — each glyph with its embedded subset font, size,
 * position and colour, each rule and outline as a path, each picture as a PNG — with the
 * issue's document information and the PDF's outline. The same PDF and metadata give the same
 * bytes: every zip entry is dated the issue's day, the entries go in one order, ids are
 * numbered in document order and DocID is a hash of the PDF.
 */
export async function renderOfd(pdf: Uint8Array, meta: Omit<OfdMeta, 'docId'> & { docId?: string }): Promise<Uint8Array> {
  const layout = await readLayout(pdf);
  const fonts = await embeddedFonts(pdf, layout.fonts);
  const docId = meta.docId ?? createHash('sha256').update(pdf).digest('hex').slice(0, 32);
  const parts = ofdParts(layout, fonts, { ...meta, docId });
  const JSZip = (await import('jszip')).default;
  const zip = new JSZip();
  const when = new Date(dateToEpoch(meta.date) * 1000);
  for (const part of parts) zip.file(part.path, part.data, { date: when, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

/** The document information of an issue's OFD: as the PDF's, dated the issue's day. */
export function ofdMeta(b: Bulletin, meta: { title: string; author: string; subject: string; keywords: string[] }, version: string): Omit<OfdMeta, 'docId'> {
  return {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords,
    date: b.date,
    version,
    custom: [
      ['issue', String(b.issue)],
      ['total', String(b.total)],
      ...(b.series ? ([['series', b.series.name], ['seriesNumber', String(b.series.number)]] as Array<[string, string]>) : []),
      ['source', b.source],
    ],
  };
}
