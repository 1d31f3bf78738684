/**
 * The one description of the printed page (docs/layout.md): paper, margins, text block, grid,
 * line and character pitch, type sizes per role, the masthead's and the 版记's measures, the
 * page number's place. The CSS is generated from it (bulletin.css reads `g`, and the @page rules
 * come from pageRules()), and the Word edition, the PDF finish and the import read it: a number
 * of the page is written here and nowhere else.
 */

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4;

export interface PageGeometry {
  /** The paper, in mm (A4). */
  paper: { width: number; height: number };
  /** 天头, 订口 and the others, in mm (GB/T 9704 §5.2.2). */
  margins: { top: number; right: number; bottom: number; left: number };
  /** The text block (版心), in mm. */
  block: { width: number; height: number };
  /** Lines a page and characters a line of body text. */
  grid: { lines: number; chars: number };
  /** Line pitch in CSS px: the block's height over its lines, rounded down to Chromium's layout unit (1/64 px) so that every line fits. */
  cssLinePitch: number;
  /** Type sizes per role, in pt (号: 初号 42, 二号 22, 三号 16, 四号 14). */
  type: { masthead: number; title: number; body: number; pageNumber: number; colophon: number; caption: number; table: number };
  /** Tracking of body text, in pt, so that `grid.chars` characters fill the line: in CSS, and in Word (whole 1/20 pt). */
  tracking: { css: number; word: number };
  /**
   * The page number “— N —” (§7.5: “一字线上距版心下边缘7 mm”): the 一字线's distance below the
   * block (mm), its inset from the block's edge (pt, one 四号 character), and where the figures
   * face draws the dash: its middle lies `dashDrop` em below the top of its one-em line.
   */
  pageNumber: { below: number; inset: number; dashDrop: number };
  /** The masthead (报头) in lines of the grid, with and without a 专刊 line, and its red rule: thickness and offset below the imprint line (pt). */
  masthead: { lines: number; seriesLines: number; titleLines: number; rule: { thickness: number; offset: number } };
  /** The 版记: its rules in mm (§7.4: 0.35 mm outside, 0.25 mm between lines), its lines' leading (× the 4号 size) and the padding above and below each line (pt). */
  colophon: { outerRule: number; innerRule: number; leading: number; padding: number };
  /** A figure's picture is at most this many lines high. */
  figure: { maxLines: number };
  /** Every page carries “— N —” (config `pageNumbers`). */
  pageNumbers: boolean;
}

/** GB/T 9704-2012 with 简报 practice: the 江西应急管理简报 preset. */
export const GB9704: Omit<PageGeometry, 'pageNumbers'> = {
  paper: { width: 210, height: 297 },
  margins: { top: 37, right: 26, bottom: 35, left: 28 },
  block: { width: 156, height: 225 },
  grid: { lines: 22, chars: 28 },
  cssLinePitch: 38.640625,
  type: { masthead: 42, title: 22, body: 16, pageNumber: 14, colophon: 14, caption: 14, table: 14 },
  tracking: { css: -0.21, word: -0.25 },
  pageNumber: { below: 7, inset: 14, dashDrop: 0.652 },
  masthead: { lines: 6, seriesLines: 7, titleLines: 2, rule: { thickness: 2, offset: 4 } },
  colophon: { outerRule: 0.35, innerRule: 0.25, leading: 1.6, padding: 2 },
  figure: { maxLines: 12 },
};

/** The page of a project: the preset with what its config says. */
export function pageGeometry(config: { pageNumbers: boolean }): PageGeometry {
  return { ...GB9704, pageNumbers: config.pageNumbers };
}

/** The line pitch in pt (225 mm / 22 = 28.99 pt). */
export const linePitch = (g: Pick<PageGeometry, 'block' | 'grid'>): number => (g.block.height * PT_PER_MM) / g.grid.lines;
/** The character pitch in pt (156 mm / 28 = 15.79 pt). */
export const charPitch = (g: Pick<PageGeometry, 'block' | 'grid'>): number => (g.block.width * PT_PER_MM) / g.grid.chars;

/** A length times k, written as CSS writes it (no trailing zeros). */
const scaled = (value: number, k: number, unit: string) => `${Number((value * k).toFixed(6))}${unit}`;

/**
 * The @page rules: the margins, the page-number face, and “— N —” odd right / even left.
 * `scale` multiplies every length (the print host lays pages out zoomed and prints them scaled
 * back, and Chromium keeps no @page length under scale); `size: false` leaves the paper to the
 * print call (Chromium keeps no `size` under scale either).
 */
export function pageRules(g: PageGeometry, options: { scale?: number; size?: boolean } = {}): string {
  const k = options.scale ?? 1;
  const { margins: m, pageNumber: n } = g;
  const isA4 = g.paper.width === 210 && g.paper.height === 297;
  const size = options.size === false ? '  \n' : `  size: ${isA4 ? 'A4' : `${g.paper.width}mm ${g.paper.height}mm`};\n`;
  const rules = [
    `@page {\n${size}  margin: ${scaled(m.top, k, 'mm')} ${scaled(m.right, k, 'mm')} ${scaled(m.bottom, k, 'mm')} ${scaled(m.left, k, 'mm')};\n` +
      '  /* Page numbers (§7.5): 4号 figures, 7 mm below the block, one character in from its edge. */\n' +
      `  font-family: var(--font-figures);\n  font-size: ${scaled(g.type.pageNumber, k, 'pt')};\n  line-height: 1;\n}`,
  ];
  if (g.pageNumbers) {
    // The line's top, so that the dash's middle is `below` under the block.
    const below = scaled(n.below - (n.dashDrop * g.type.pageNumber) / PT_PER_MM, k, 'mm');
    const inset = scaled(n.inset, k, 'pt');
    rules.push(
      `@page :right {\n  @bottom-right { content: "— " counter(page) " —"; vertical-align: top; text-align: right; padding: ${below} ${inset} 0 0; }\n}`,
      `@page :left {\n  @bottom-left { content: "— " counter(page) " —"; vertical-align: top; text-align: left; padding: ${below} 0 0 ${inset}; }\n}`,
    );
  }
  return rules.join('\n');
}
