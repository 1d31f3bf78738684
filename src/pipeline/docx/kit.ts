import type { Config } from '../../config/schema.js';
import type { Bulletin, Inline, Place } from '../../model/bulletin.js';
import { GB9704, linePitch } from '../../layout/geometry.js';
import type { FlowParagraph } from './tightened.js';

export type Docx = typeof import('docx');
export type DocxParagraph = InstanceType<Docx['Paragraph']>;
export type DocxBlock = DocxParagraph | InstanceType<Docx['Table']>;
export type DocxInline = InstanceType<Docx['TextRun']> | InstanceType<Docx['ExternalHyperlink']>;

/** Twips (1/20 pt) per millimetre. */
const MM = 1440 / 25.4;
export const mm = (v: number) => Math.round(v * MM);
/** Half-points, the unit of w:sz. */
export const pt = (v: number) => v * 2;
/** Border widths in eighths of a point. */
export const rule = (millimetres: number) => Math.round(((millimetres * 72) / 25.4) * 8);

/** The page in Word's units (twips), from the one page geometry (docs/layout.md § Page). */
export const PAGE = {
  width: mm(GB9704.paper.width),
  height: mm(GB9704.paper.height),
  top: mm(GB9704.margins.top),
  left: mm(GB9704.margins.left),
  right: mm(GB9704.margins.right),
  bottom: mm(GB9704.margins.bottom),
  /** The text block: 156 mm wide. */
  block: mm(GB9704.block.width),
  /**
   * 225 mm / 22 lines = 28.99 pt = 579.8 twips, rounded down: Word counts line spacing and the
   * document grid in whole twips, and 580 a line gives 22 × 580 = 12760 twips, more than the
   * 12756 of the block, so a page would hold 21 lines. Every paragraph is set on it exactly.
   */
  linePitch: Math.floor(linePitch(GB9704) * 20),
  /** Tracking of body text in twips (w:spacing), the print's: 28 characters of 15.75 pt a line. */
  tracking: Math.round(GB9704.tracking * 20),
};

/** Spacing of `lines` lines of the grid, exactly (Word and LibreOffice neither add to it nor snap it). */
export const exactly = (lines: number, line = PAGE.linePitch) => ({ line: Math.round(lines * line), lineRule: 'exact' as const, before: 0, after: 0 });

/** Sizes of the Chinese type scale. */
export const SIZE = { chuhao: GB9704.type.masthead, erhao: GB9704.type.title, sanhao: GB9704.type.body, sihao: GB9704.type.pageNumber };

/** Fonts by role: the official face, and the name Word should fall back to (fontTable altName). */
export const OFFICIAL = {
  title: { name: '方正小标宋简体', alt: '华文中宋' },
  body: { name: '仿宋_GB2312', alt: '仿宋' },
  kai: { name: '楷体_GB2312', alt: '楷体' },
  hei: { name: '黑体', alt: 'SimHei' },
  figures: { name: '宋体', alt: 'SimSun' },
} as const;
export type Role = keyof typeof OFFICIAL;

/** What every part of the Word edition is made with: the docx package, the issue, the faces and runs. */
export interface Kit {
  d: Docx;
  b: Bulletin;
  config: Config;
  /** The family Word is asked for, per role. */
  font: Record<Role, string>;
  P: (options: ConstructorParameters<Docx['Paragraph']>[0] & object) => DocxParagraph;
  /** A run in a role's face: the East Asian slot carries the Chinese font, Latin text follows it. */
  run: (text: string, role: Role, size?: number, extra?: Record<string, unknown>) => InstanceType<Docx['TextRun']>;
  /** Masthead, titles and colophon are set without the body's tracking, as in bulletin.css. */
  untracked: { characterSpacing: number };
  /** A colour of the config as Word writes it. */
  hex: (c: string) => string;
  /** The font files the issue prints with (for the text of an SVG picture). */
  faces: string[];
  /** The characters set in each role's face (what an embedded face must hold). */
  used: Record<Role, Set<string>>;
  /** Pictures the Word edition could not carry, for the build's warnings. */
  dropped: Array<{ url: string; place: Place; reason: 'webp' | 'unreadable' | 'inline' }>;
  /** The tracking (twips) of the paragraphs the print set tighter (tightened.ts). */
  tightened: Map<FlowParagraph, number>;
  /** A paragraph's runs' tracking: the print's pull-back for one it tightened, else the geometry's. */
  tracking: (p: FlowParagraph) => { characterSpacing: number };
}

export function kit(d: Docx, b: Bulletin, config: Config, font: Record<Role, string>, faces: string[] = [], tightened = new Map<FlowParagraph, number>()): Kit {
  const used = Object.fromEntries((Object.keys(OFFICIAL) as Role[]).map((r) => [r, new Set<string>()])) as Record<Role, Set<string>>;
  return {
    d,
    b,
    config,
    font,
    P: (options) => new d.Paragraph(options),
    run: (text, role, size = SIZE.sanhao, extra = {}) => {
      for (const ch of text) used[role].add(ch);
      return new d.TextRun({ text, font: { eastAsia: font[role], ascii: font[role], hAnsi: font[role], hint: 'eastAsia' } as never, size: pt(size), characterSpacing: PAGE.tracking, ...extra });
    },
    untracked: { characterSpacing: 0 },
    hex: (c) => c.replace('#', '').toUpperCase(),
    faces,
    used,
    dropped: [],
    tightened,
    tracking: (p) => ({ characterSpacing: tightened.get(p) ?? PAGE.tracking }),
  };
}

/** The model's inlines as Word runs: strong in 黑体, emphasis in 楷体, a picture inline as its alt text; `extra` for every run (a paragraph's tracking). */
export function inlines(k: Kit, nodes: Inline[], role: Role, size = SIZE.sanhao, extra: Record<string, unknown> = {}): DocxInline[] {
  const { d, run } = k;
  return nodes.flatMap((n): DocxInline[] => {
    switch (n.type) {
      case 'text':
      case 'code':
        return [run(n.value, role, size, extra)];
      case 'strong':
        return inlines(k, n.children, 'hei', size, extra);
      case 'emphasis':
        return inlines(k, n.children, 'kai', size, extra);
      case 'delete':
        return inlines(k, n.children, role, size, extra);
      case 'link':
        return [new d.ExternalHyperlink({ link: n.href, children: inlines(k, n.children, role, size, extra).filter((r): r is InstanceType<Docx['TextRun']> => r instanceof d.TextRun) })];
      case 'break':
        return [new d.TextRun({ break: 1 })];
      case 'image':
        // A picture inside a line of text: the print shows it, Word gets its alt text (warned).
        const image = k.b.images.find((i) => i.to === n.src);
        k.dropped.push({ url: image?.url ?? n.src, place: image?.place ?? { line: 1, column: 1 }, reason: 'inline' });
        return [run(n.alt, role, size, extra)];
    }
  });
}
