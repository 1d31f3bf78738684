import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sanitiseSvg } from './sanitiseSvg.js';
import type { VFile } from 'vfile';
import type { Config } from '../config/schema.js';
import type { Bulletin } from '../model/bulletin.js';
import type { FrontMatter } from '../model/frontMatter.js';
import { hasErrors, isOf, report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import { read } from './read.js';
import { parse, parseFrontMatter, type FrontMatterPart, type Parsed } from './parse.js';
import { validate } from './validate.js';
import { transform } from './transform.js';
import { resolveAssets } from './resolveAssets.js';
import { lintTypography } from '../lint/typography.js';
import { LINT } from '../lint/rules.js';
import type nunjucks from 'nunjucks';
import { manifestEntry, sha256, type ManifestEntry } from '../model/manifest.js';
import type { RoleFont } from '../fonts/fonts.js';
import { chooseFonts } from './chooseFonts.js';
import type { Writer } from './write.js';
import type { Printer } from './print.js';
import type { RenderedPage } from './render.js';
import { abortable, throwIfInterrupted } from './abortable.js';
import { detailOf } from '../diagnostics/errors.js';
import type { IssueNav } from '../model/navigation.js';
import { templateRefusal } from './templateRefusal.js';
import { isInside } from '../paths.js';

export interface Compiled {
  file: VFile;
  /** The front matter part (fences and YAML), when it parsed. */
  frontPart?: FrontMatterPart;
  parsed?: Parsed;
  frontMatter?: FrontMatter;
  bulletin?: Bulletin;
}

export interface CompileOptions {
  config: Config;
  root: string;
  /** Project-relative source path (forward slashes) for the model and manifest. */
  source: string;
  assetsDir: string;
  /** A draft build (`--draft`): unfinished text is reported as a warning, not an error. */
  draft?: boolean;
}

/**
 * The front half of the pipeline, one source at a time: read → parse (+ typography lint) →
 * validate → transform → resolve assets.
 * Each stage stops when the file already failed; the messages say why. Never throws: a
 * defect in a stage becomes an `internal-error` message on the file, so a batch goes on.
 */
export async function compile(display: string, absolute: string, options: CompileOptions): Promise<Compiled> {
  return compileRead(await read(display, absolute), options);
}

/**
 * A source's front matter as parsed and validated already without a message (a streamed build
 * reads every front matter first, for the numbering rules): not parsed or validated again.
 */
export interface KnownFront {
  part: FrontMatterPart;
  frontMatter: FrontMatter;
}

/**
 * compile() of a source already read (the analysis cache reads first to know whether it must).
 * A valid front matter is returned even when the body fails (the numbering rules count every
 * issue by its front matter, whatever its body, as they count the archive's other sources).
 */
export function compileRead(file: VFile, options: CompileOptions, front?: KnownFront): Compiled {
  // (A known front matter was read from a clean file: errors found since, by the numbering rules, do not stop its body.)
  if (!front && hasErrors(file)) return { file };
  try {
    const frontPart = front?.part ?? parseFrontMatter(file);
    if (!frontPart) return { file };
    const frontMatter = front?.frontMatter ?? validate(file, frontPart);
    const found = { file, frontPart, ...(frontMatter ? { frontMatter } : {}) };
    const parsed = parse(file, frontPart);
    if (!parsed) return found;
    const date = (parsed.yaml.value as { date?: unknown } | null)?.date;
    lintTypography(file, parsed.tree, { rules: options.config.rules, relativeTimeWords: options.config.relativeTimeWords, draft: options.draft, ...(typeof date === 'string' ? { date } : {}) });
    if (!frontMatter) return { ...found, parsed };
    const transformed = transform(file, parsed.tree, frontMatter, options);
    const bulletin = transformed && resolveAssets(file, transformed, options);
    // A draft build of a source that still holds 【待补】 is marked as a draft.
    if (bulletin && options.draft && file.messages.some((m) => isOf(m, LINT.placeholder))) bulletin.draft = true;
    return { ...found, parsed, ...(bulletin ? { bulletin } : {}) };
  } catch (error) {
    report(file, rules.internalError, { detail: detailOf(error) }, undefined, { cause: error });
    return { file };
  }
}

export type Format = 'html' | 'pdf' | 'docx' | 'ofd';

/** Whether a build prints: the PDF, the OFD edition converted from it, and the Word edition, whose 版记 goes where the print put it (so a Word file is the same bytes with or without the PDF). */
export const prints = (formats: readonly Format[]): boolean => formats.includes('pdf') || formats.includes('ofd') || formats.includes('docx');

/** What the back half needs from the run: shared by every issue of a build. */
export interface ProduceContext {
  config: Config;
  /** The issue page's navigation (index, its files, neighbours). */
  nav?: IssueNav;
  /** The project's root: template paths are shown relative to it. */
  root?: string;
  env: nunjucks.Environment;
  fonts: RoleFont[];
  writer: Writer;
  outDir: string;
  formats: Format[];
  /**
   * The run's printer (warm tabs of one browser) and the browser's product/version (recorded in
   * the manifest), when PDFs are made: awaited when the first page is ready to print. A browser
   * that cannot start fails the run (its catalogue error), not the issue.
   */
  printing?: Promise<{ pool: Printer; version: string }>;
  /** Told when an issue's print is over (printed or failed): the run closes the browser after the last. */
  onPrinted?: () => void;
  /** Requests the renderer refused, collected over the run. */
  blocked: string[];
  version: string;
  /** The run's interrupt: a print in progress is abandoned when it fires. */
  signal?: AbortSignal;
  /** PDFs as PDF/A-2b. */
  pdfa?: boolean;
}

/**
 * The back half, one compiled issue at a time: fonts → render → write the page (when asked
 * for) → print → finish PDF → write; and for Word, render → finish → write. Returns the
 * issue's manifest entry, or undefined when a stage failed (reported on the file). Throws only
 * when the run is interrupted.
 */
export async function produce(file: VFile, b: Bulletin, stem: string, ctx: ProduceContext): Promise<ManifestEntry | undefined> {
  const htmlDir = path.posix.dirname(stem) === '.' ? '' : path.posix.dirname(stem);
  // The renderer (and nunjucks with it) loads with the back half: check never pays for it.
  const [{ render, showsToc }, fonts] = await Promise.all([import('./render.js'), chooseFonts(file, b, { fonts: ctx.fonts, config: ctx.config, htmlDir })]);
  if (!fonts) return undefined;
  let page: RenderedPage;
  try {
    page = render(ctx.env, b, { config: ctx.config, htmlDir, fontFaces: fonts.rules, version: ctx.version, unprintable: fonts.unprintable, ...(ctx.nav ? { nav: ctx.nav } : {}) });
  } catch (error) {
    const refusal = templateRefusal(error, (p) => (ctx.root && isInside(ctx.root, p) ? path.relative(ctx.root, p) : p));
    if (refusal?.kind === 'unsafe') report(file, rules.templateUnsafe, { file: refusal.file, line: refusal.line, name: refusal.name });
    else if (refusal?.kind === 'outside') report(file, rules.templateOutside, { file: refusal.file, real: refusal.real });
    else if (refusal?.kind === 'special') report(file, rules.templateNotAFile, { file: refusal.file, kind: refusal.what });
    else report(file, rules.templateError, { detail: detailOf(error, 2) });
    return undefined;
  }
  // The printer is awaited once the page is rendered, before anything is written: a browser
  // that cannot start fails the run with nothing written.
  const printer = prints(ctx.formats) && ctx.printing ? await abortable(ctx.printing, ctx.signal) : undefined;
  // A font file shared by several issues is copied once per run (awaited by each user).
  await Promise.all(fonts.files.map((f) => ctx.writer.copyShared(f.from, f.to)));
  for (const image of b.images) {
    // An SVG is published as sanitised (sanitiseSvg.ts): as it is when clean, rewritten when not.
    const svg = /\.svg$/i.test(image.from) ? sanitiseSvg(await readFile(image.from)) : undefined;
    if (svg?.removed.length) await ctx.writer.write(image.to, svg.bytes);
    else await ctx.writer.copy(image.from, image.to);
  }
  const htmlRel = `${stem}.html`;
  const { html } = page;
  // The printer takes the page structured, at the address it has (or would have) in the output.
  const htmlFile = ctx.formats.includes('html') ? await ctx.writer.write(htmlRel, html) : ctx.writer.pathOf(htmlRel);
  const htmlOut = ctx.formats.includes('html') ? { path: htmlRel, sha256: sha256(html) } : null;

  let pdfOut: ManifestEntry['pdf'] = null;
  let finished: { pdf: Uint8Array; pages: number; layout: import('./print.js').Layout } | undefined;
  if (printer) {
    try {
      throwIfInterrupted(ctx.signal);
      const { printTier } = await import('../fonts/printFonts.js');
      // The PDF tools load while the page prints.
      const finishing = import('./finishPdf.js');
      finishing.catch(() => {});
      const printed = await abortable(printer.pool.print(htmlFile, page.print, printTier(fonts.chars)), ctx.signal).finally(() => ctx.onPrinted?.());
      const { finishPdf } = await finishing;
      ctx.blocked.push(...printed.blocked);
      const { pdf, pages } = await finishPdf(printed.raw, b, printed.layout, ctx.version, { pdfa: ctx.pdfa === true });
      if (pages !== printed.layout.pages) report(file, rules.layoutDrift, { expected: printed.layout.pages, actual: pages });
      finished = { pdf, pages, layout: printed.layout };
      if (ctx.formats.includes('pdf')) {
        const pdfRel = `${stem}.pdf`;
        await ctx.writer.write(pdfRel, pdf);
        pdfOut = { path: pdfRel, sha256: sha256(pdf), pages, browser: printer.version };
      }
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      // Printed only to place the Word edition's 版记: the Word file is still made, its 版记 after the text.
      if (!ctx.formats.includes('pdf') && !ctx.formats.includes('ofd')) report(file, rules.docxUnplaced, { detail: detailOf(error) });
      else {
        report(file, rules.printFailed, { detail: detailOf(error) }, undefined, { cause: error });
        return undefined;
      }
    }
  }

  // The OFD edition: the finished PDF, page for page, as an OFD package (src/ofd/).
  let ofdOut: ManifestEntry['ofd'] = null;
  if (finished && ctx.formats.includes('ofd')) {
    try {
      const [{ renderOfd, ofdMeta }, { documentMeta }] = await Promise.all([import('./renderOfd.js'), import('./render.js')]);
      const ofd = await renderOfd(finished.pdf, ofdMeta(b, documentMeta(b), ctx.version));
      const ofdRel = `${stem}.ofd`;
      await ctx.writer.write(ofdRel, ofd);
      ofdOut = { path: ofdRel, sha256: sha256(ofd), pages: finished.pages };
    } catch (error) {
      report(file, rules.ofdFailed, { detail: detailOf(error) }, undefined, { cause: error });
      return undefined;
    }
  }

  let docxOut: ManifestEntry['docx'] = null;
  if (ctx.formats.includes('docx')) {
    try {
      const { renderDocx, wordFamilies } = await import('./renderDocx.js');
      const { finishDocx } = await import('./finishDocx.js');
      const families = wordFamilies(ctx.config);
      const faces = Object.fromEntries(ctx.fonts.flatMap((f) => (f.print ? [[f.role, f.print]] : [])));
      // CSS px → pt: the Word edition's 版记 goes where the print put it.
      const foot = finished?.layout.colophon;
      const colophon = foot ? { space: foot.space * 0.75, height: foot.height * 0.75, freshPage: foot.freshPage } : undefined;
      // And its paragraphs tightened by the print's pull-back (paginate.js) are tightened alike.
      const tightened = finished?.layout.tightened;
      const rendered = await renderDocx(b, { config: ctx.config, showToc: showsToc(ctx.config, b), families, faces, ...(colophon ? { colophon } : {}), ...(tightened ? { tightened } : {}) });
      for (const d of rendered.dropped) report(file, rules.docxPicture, { url: d.url, reason: d.reason }, d.place);
      const docx = await finishDocx(rendered.bytes, b.date, Object.values(families));
      const docxRel = `${stem}.docx`;
      await ctx.writer.write(docxRel, docx);
      docxOut = { path: docxRel, sha256: sha256(docx) };
    } catch (error) {
      report(file, rules.docxFailed, { detail: detailOf(error) }, undefined, { cause: error });
      return undefined;
    }
  }
  // Without the HTML format the page is not an output: one left by an earlier build goes.
  if (!ctx.formats.includes('html')) await ctx.writer.remove(htmlRel);
  return { ...manifestEntry(b, htmlOut, pdfOut, docxOut, ofdOut), ...(b.draft ? { draft: true } : {}) };
}
