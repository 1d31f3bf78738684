import type { Config } from '../config/schema.js';
import type { Bulletin } from '../model/bulletin.js';
import { GB9704 } from '../layout/geometry.js';
import { documentMeta } from './render.js';
import { articles } from './docx/articles.js';
import { colophon, pageNumberFooter } from './docx/colophon.js';
import { kit, mm, OFFICIAL, PAGE, pt, SIZE, type Docx, type Role } from './docx/kit.js';
import { masthead, toc } from './docx/masthead.js';

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
export async function renderDocx(b: Bulletin, options: DocxOptions): Promise<Uint8Array> {
  const d: Docx = await import('docx');
  const k = kit(d, b, options.config, options.families);
  const { P, font } = k;
  const body = await articles(k);
  const meta = documentMeta(b);
  const document = new d.Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join('；'),
    description: `${b.title} 第${b.issue}期（总第${b.total}期）`,
    revision: 1,
    evenAndOddHeaderAndFooters: options.config.pageNumbers,
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: font.body, ascii: font.body, hAnsi: font.body } as never, size: pt(SIZE.sanhao) },
          paragraph: { spacing: { line: 240, before: 0, after: 0 } },
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
          grid: { type: d.DocumentGridType.LINES, linePitch: PAGE.linePitch, charSpace: PAGE.charSpace },
        },
        ...(options.config.pageNumbers ? { footers: { default: pageNumberFooter(k, 'right'), even: pageNumberFooter(k, 'left') } } : {}),
        // A document ends with a paragraph: Word adds one after a final table anyway.
        children: [...masthead(k), ...toc(k, options.showToc), ...body, colophon(k), P({ children: [] })],
      },
    ],
  });
  return new Uint8Array(await d.Packer.toBuffer(document));
}
