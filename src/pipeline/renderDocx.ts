import type { Config } from '../config/schema.js';
import type { Bulletin } from '../model/bulletin.js';
import { GB9704 } from '../layout/geometry.js';
import { documentMeta } from './render.js';
import { articles } from './docx/articles.js';
import { colophon, pageNumberFooter, type ColophonPlace } from './docx/colophon.js';
import { exactly, kit, mm, OFFICIAL, PAGE, pt, SIZE, type Docx, type Kit, type Role } from './docx/kit.js';
import { masthead, toc } from './docx/masthead.js';
import { tightenedTracking, type Tightened } from './docx/tightened.js';

export { OFFICIAL, PAGE } from './docx/kit.js';

/**
 * The Word edition of an issue (`--format docx`), built from the document model with the `docx`
 * package: the same 简报 as the PDF — A4, GB/T 9704 margins, 22 × 28 on Word's document grid,
 * masthead, body, colophon framed at the foot of the last page, “— N —” page numbers odd right,
 * even left — in fonts by their official names, so that Word and WPS show it as an office's own
 * template would. Its parts are one file each under docx/ (kit: units, faces and runs; masthead
 * and 本期要目; articles; blocks; colophon and page numbers). Reproducible: see finishDocx.
 */

export interface DocxOptions {
  config: Config;
  /** Whether the 本期要目 list is shown (as in the HTML/PDF). */
  showToc: boolean;
  /** The family Word is asked for, per role (wordFamilies). */
  families: Record<Role, string>;
  /** The font file each role prints with (for SVG text, and for docx.embedFonts). */
  faces?: Partial<Record<Role, string>>;
  /** Where the print of the same run put the 版记 (pt), when the PDF was printed. */
  colophon?: ColophonPlace;
  /** The paragraphs the print of the same run set tighter (its pull-back), set alike. */
  tightened?: Tightened[];
}

/** The Word file, with what it could not carry. */
export interface RenderedDocx {
  bytes: Uint8Array;
  dropped: Kit['dropped'];
}

/**
 * The family Word is asked for, per role: a family the config names for the role, else the
 * official face (a font file of the project cannot go into a Word file; its role keeps the
 * official name, which is what the file stands in for).
 */
export function wordFamilies(config: Config): Record<Role, string> {
  const out = {} as Record<Role, string>;
  for (const role of Object.keys(OFFICIAL) as Role[]) out[role] = config.fonts[role]?.family ?? OFFICIAL[role].name;
  return out;
}


/** Renders an issue to .docx bytes (before finishDocx makes them reproducible). */
export async function renderDocx(b: Bulletin, options: DocxOptions): Promise<RenderedDocx> {
  const d: Docx = await import('docx');
  const faces = options.faces ?? {};
  const k = kit(d, b, options.config, options.families, [...new Set([faces.body, faces.hei].filter((f): f is string => !!f))], tightenedTracking(b, options.tightened));
  const { font } = k;
  const head = [...masthead(k), ...toc(k, options.showToc)];
  const body = await articles(k, options.showToc);
  const foot = colophon(k, options.colophon);
  for (const ch of '— 0123456789') k.used.figures.add(ch);
  const meta = documentMeta(b);
  const fonts = options.config.docx.embedFonts ? await embeddedFaces(k, faces) : [];
  const document = new d.Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join('；'),
    description: `${b.title} 第${b.issue}期（总第${b.total}期）`,
    revision: 1,
    customProperties: [
      { name: '期号', value: String(b.issue) },
      { name: '总期号', value: String(b.total) },
      { name: '日期', value: b.date },
      ...(b.series ? [{ name: '专刊', value: `${b.series.name}（${b.series.number}）` }] : []),
    ],
    evenAndOddHeaderAndFooters: options.config.pageNumbers,
    ...(fonts.length ? { fonts } : {}),
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: font.body, ascii: font.body, hAnsi: font.body } as never, size: pt(SIZE.sanhao) },
          // Every line on the grid, exactly (finishDocx adds widow control, 避头尾 and no hanging punctuation).
          paragraph: { spacing: exactly(1) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, left: PAGE.left, right: PAGE.right, bottom: PAGE.bottom, header: mm(15), footer: mm(GB9704.paper.height - GB9704.margins.top - GB9704.block.height - GB9704.pageNumber.below) - pt(SIZE.sihao) * 10 },
          },
          grid: { type: d.DocumentGridType.LINES, linePitch: PAGE.linePitch },
        },
        ...(options.config.pageNumbers ? { footers: { default: pageNumberFooter(k, 'right'), even: pageNumberFooter(k, 'left') } } : {}),
        // A document ends with a paragraph: Word adds one after a final table anyway.
        children: [...head, ...body, ...foot],
      },
    ],
  });
  return { bytes: new Uint8Array(await d.Packer.toBuffer(document)), dropped: k.dropped };
}

/**
 * docx.embedFonts: each role's print face cut to the characters the issue sets in it, embedded
 * under the official name Word asks for (the face's own names inside are left as they are),
 * so a machine without 仿宋_GB2312 and the others shows the faces the PDF prints with.
 */
async function embeddedFaces(k: Kit, faces: Partial<Record<Role, string>>): Promise<Array<{ name: string; data: Buffer }>> {
  const [{ default: subsetFont }, { readFile }] = await Promise.all([import('subset-font'), import('node:fs/promises')]);
  const out: Array<{ name: string; data: Buffer }> = [];
  // A family asked for by several roles (宋体 figures and a config naming the same face) is embedded once, with the characters of all.
  const byFamily = new Map<string, { file: string; text: Set<string> }>();
  for (const role of Object.keys(OFFICIAL) as Role[]) {
    const file = faces[role];
    if (!file || k.used[role].size === 0) continue;
    const entry = byFamily.get(k.font[role]) ?? { file, text: new Set<string>() };
    for (const ch of k.used[role]) entry.text.add(ch);
    byFamily.set(k.font[role], entry);
  }
  for (const [name, { file, text }] of byFamily) {
    const data = await subsetFont(await readFile(file), [...text].join(''), { targetFormat: 'truetype' });
    out.push({ name, data: Buffer.from(data) });
  }
  return out;
}
