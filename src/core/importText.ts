import { readFile, stat, writeFile } from 'node:fs/promises';
import { IMPORT_LIMITS, ImportLimitError, type ImportLimits } from '../import/limits.js';
import { readRegularFile } from '../text/regularFile.js';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { bulletinError, type BulletinError, DetailError, detailOf, details } from '../diagnostics/errors.js';
import { hasErrors, isOf, report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import { decode, normaliseNewlines, type Encoding } from '../text/decode.js';
import { clean, cleanLines, type CleanStats } from '../import/clean.js';
import type { ImportModel, ImportedFront, Line } from '../import/model.js';
import { recognise } from '../import/recognise.js';
import { verify, verifyStructure } from '../import/verify.js';
import { readDoc, readDocx, readPdf, readText, type Reading } from '../import/reading.js';
import { verifyBlocks } from '../import/verifyBlocks.js';
import { writeSource } from '../import/writeSource.js';
import { Writer } from '../pipeline/write.js';
import { locateProject } from '../config/locate.js';
import { displayPath, type Io } from './io.js';
import { replaceAtomically, walkFiles } from '../paths.js';

export interface ImportOptions {
  files: string[];
  /** Folder the sources go to (default `bulletins`), as `<out>/<year>/<issue>.md`. */
  out?: string;
  force?: boolean;
  simplified?: boolean;
  verify?: boolean;
  io: Io;
  /** The caps of an input (import/limits.ts); tests set small ones. */
  limits?: Partial<ImportLimits>;
}

export interface ImportedFile {
  /** The input as shown to the user. */
  input: string;
  /** The source written, as shown to the user; absent when nothing was written. */
  output?: string;
  encoding?: Encoding;
  /** What the input was read as. */
  format?: 'pdf' | 'docx' | 'doc' | 'text';
  recognised: ImportedFront;
  articles: Array<{ title?: string; headings: number; paragraphs: number }>;
  stats?: CleanStats;
  /** Number of differences `--verify` found (0: same text). */
  differences?: number;
  /** The source was there already, the same as this import makes it (a folder imported again). */
  unchanged?: boolean;
  /** 【待补】 markers left in the source. */
  pending?: number;
  /** Pictures taken out of a Word file, written next to the source. */
  images?: string[];
  file: VFile;
  error?: BulletinError;
}

export interface ImportResult {
  exitCode: number;
  files: ImportedFile[];
  /** import-report.json, as shown to the user, when a folder was imported. */
  report?: string;
}


/** What a folder given to `import` is searched for (recursively). */
const IMPORTABLE = /\.(?:pdf|docx|doc|txt|wps|et)$/i;

/**
 * A folder's importable files, recursively, in name order; dot-folders, node_modules and the
 * folders given in `skip` (where the sources go) are passed over.
 */
function filesIn(folder: string, skip: Set<string>): Promise<string[]> {
  return walkFiles(
    folder,
    (entry, full) =>
      entry.name.startsWith('.') || entry.name === 'node_modules' || (entry.isDirectory() && skip.has(full)) ? 'skip' : entry.isDirectory() ? 'enter' : entry.isFile() && IMPORTABLE.test(entry.name) ? 'list' : 'skip',
    true,
  );
}

/** One input read and recognised, before anything is written. */
interface Prepared {
  result: ImportedFile;
  absolute: string;
  kind?: 'pdf' | 'docx' | 'doc' | 'text';
  lines?: Line[];
  model?: ImportModel;
  source?: string;
  reading?: () => Promise<Reading>;
  /** The source written by this run. */
  target?: string;
}

/**
 * `bulletin import`: turns legacy bulletin texts (PDF, Word, .doc, pdftotext output, web copies)
 * into sources, one per issue, reporting what it recognised and what the archivist must check.
 * A folder stands for every importable file under it. Files are read and recognised in
 * parallel (as many at once as the machine has cores), written one after the other in the
 * order given (the first of two inputs that make the same source wins), and checked by
 * --verify in parallel again. A file that cannot be read fails alone.
 */
export async function importText(options: ImportOptions): Promise<ImportResult> {
  const { io } = options;
  // By default into the sources folder of the project found from here (a new project: here).
  const outRoot = options.out !== undefined ? path.resolve(io.cwd, options.out) : path.join(locateProject(io.cwd, io.config).root, 'bulletins');
  const writer = new Writer(outRoot);
  const targets = new Map<string, string>();
  const inputs: string[] = [];
  let bulk = false;
  for (const input of options.files) {
    const absolute = path.resolve(io.cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      bulk = true;
      inputs.push(...(await filesIn(absolute, new Set([outRoot]))));
    } else inputs.push(absolute);
  }
  const { default: pLimit } = await import('p-limit');
  const limit = pLimit(Math.max(1, Math.min(os.availableParallelism(), 8)));
  const prepared = await Promise.all(inputs.map((absolute) => limit(() => prepareSafely(absolute, options))));

  for (const p of prepared) {
    const { result, model, source } = p;
    if (!model || source === undefined) continue;
    const shown = result.input;
    const target = path.join(outRoot, ...targetName(model, p.absolute));
    const earlier = targets.get(target);
    if (earlier !== undefined) {
      result.error = bulletinError('ImportDuplicateTarget', [displayPath(io, target), earlier, shown]);
      continue;
    }
    targets.set(target, shown);
    if (!options.force && (await exists(target))) {
      // Importing a folder again leaves the sources it wrote as they are: the same source is
      // no error; another one is never overwritten without --force.
      if (bulk && (await readFile(target, 'utf8').catch(() => undefined)) === source) {
        result.output = displayPath(io, target);
        result.unchanged = true;
        p.target = target;
        continue;
      }
      result.error = bulletinError('ImportTargetExists', [displayPath(io, target), shown]);
      continue;
    }
    try {
      await writer.write(path.relative(outRoot, target).split(path.sep).join('/'), source);
    } catch (error) {
      result.error = bulletinError('OutputNotWritable', [displayPath(io, target), error instanceof Error ? error.message : String(error)], error);
      continue;
    }
    result.output = displayPath(io, target);
    p.target = target;
    try {
      for (const block of model.articles.flatMap((a) => a.blocks)) {
        if (!block.image?.name) continue;
        const image = path.join(path.dirname(target), 'images', block.image.name);
        await writer.write(path.relative(outRoot, image).split(path.sep).join('/'), block.image.data);
        result.images = [...(result.images ?? []), displayPath(io, image)];
      }
    } catch (error) {
      result.error = bulletinError('OutputNotWritable', [displayPath(io, target), error instanceof Error ? error.message : String(error)], error);
    }
  }

  if (options.verify) {
    await Promise.all(
      prepared.map((p) =>
        limit(async () => {
          const target = p.target;
          if (target && p.model && p.lines && p.reading && p.kind) p.result.differences = await verifyOne(await readFile(target, 'utf8'), p as Required<Prepared>, options);
        }),
      ),
    );
  }

  const results = prepared.map((p) => p.result);
  const exitCode = results.some((r) => r.error || hasErrors(r.file)) ? 1 : 0;
  if (bulk) await writeReport(path.resolve(io.cwd, 'import-report.json'), results);
  return { exitCode, files: results, ...(bulk ? { report: displayPath(io, path.resolve(io.cwd, 'import-report.json')) } : {}) };
}

/** prepare(), with anything it did not foresee failing this file alone. */
async function prepareSafely(absolute: string, options: ImportOptions): Promise<Prepared> {
  const shown = displayPath(options.io, absolute);
  try {
    return await prepare(absolute, shown, options);
  } catch (error) {
    const file = new VFile({ path: shown, cwd: '' });
    const result: ImportedFile = { input: shown, recognised: {}, articles: [], file };
    result.error = bulletinError('ImportInputUnreadable', [shown, error instanceof Error ? error.message : String(error)], error);
    return { result, absolute };
  }
}

/** Reads and recognises one input: the source it makes, nothing written yet. */
async function prepare(absolute: string, shown: string, options: ImportOptions): Promise<Prepared> {
  const file = new VFile({ path: shown, cwd: '' });
  const result: ImportedFile = { input: shown, recognised: {}, articles: [], file };
  const done: Prepared = { result, absolute };
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const bytes = await readInput(absolute, shown, result, limits.inputBytes);
  if (!bytes) return done;
  const kind = inputKind(absolute, bytes);
  if (kind === 'convert' || kind === 'encrypted') {
    report(file, rules.importConvertFirst, { reason: kind === 'encrypted' ? 'encrypted' : path.extname(absolute).slice(1).toLowerCase(), file: path.basename(absolute) });
    return done;
  }
  result.format = kind;
  let cleaned: { lines: Line[]; stats: CleanStats };
  /** The input read again for --verify, without the import's structure (reading.ts). */
  let reading: () => Promise<Reading>;
  if (kind === 'pdf' || kind === 'docx') {
    reading = async () => (kind === 'pdf' ? readPdf(bytes, limits) : readDocx(bytes, limits));
    let lines: Line[];
    try {
      lines = kind === 'pdf' ? await (await import('../import/pdf.js')).pdfLines(bytes, limits) : await (await import('../import/docx.js')).docxLines(bytes, limits);
    } catch (error) {
      if (error instanceof ImportLimitError) report(file, rules.importTooLarge, { format: kind === 'pdf' ? 'PDF' : 'Word', kind: error.kind, where: error.where, limit: error.limit });
      else if ((error as { name?: string }).name === 'PasswordException') report(file, rules.importConvertFirst, { reason: 'encrypted-pdf', file: path.basename(absolute) });
      else report(file, rules.importUnreadable, { kind: kind === 'pdf' ? 'PDF' : 'Word', detail: detailOf(error) });
      return done;
    }
    if (lines.length === 0) {
      report(file, rules.importNoText, { kind: kind === 'pdf' ? 'PDF' : 'Word' });
      return done;
    }
    cleaned = cleanLines(lines, file, { simplified: options.simplified });
  } else if (kind === 'doc') {
    let text: string;
    try {
      text = await (await import('../import/doc.js')).docText(bytes);
    } catch (error) {
      report(file, rules.importUnreadable, { kind: 'Word 97-2003', detail: detailOf(error) });
      return done;
    }
    if (text.trim() === '') {
      report(file, rules.importNoText, { kind: 'Word 97-2003' });
      return done;
    }
    reading = async () => readDoc(bytes);
    cleaned = clean(normaliseNewlines(text), file, { simplified: options.simplified });
  } else {
    if (bytes.length > limits.textBytes) {
      result.error = bulletinError('ImportInputTooLarge', [shown, (bytes.length / 1024 / 1024).toFixed(1), (limits.textBytes / 1024 / 1024).toFixed(0)]);
      return done;
    }
    const decoded = decode(bytes);
    if (!decoded.ok) {
      if (decoded.reason === 'binary') report(file, rules.importBinary, { offset: decoded.offset ?? 0 });
      else report(file, rules.importEncoding, {});
      return done;
    }
    result.encoding = decoded.encoding;
    const text = normaliseNewlines(decoded.text);
    reading = async () => readText(text);
    cleaned = clean(text, file, { simplified: options.simplified });
  }
  const { lines, stats } = cleaned;
  result.stats = stats;
  // Text decoded with the wrong one of GBK and UTF-8 cannot be told back: nothing is written.
  if (file.messages.some((m) => isOf(m, rules.importCrossDecoded))) return done;
  const model = recognise(lines, file);
  result.recognised = model.front;
  result.articles = model.articles.map((a) => ({
    ...(a.title !== undefined ? { title: a.title } : {}),
    headings: a.blocks.filter((b) => b.type === 'heading').length,
    paragraphs: a.blocks.filter((b) => b.type === 'paragraph').length,
  }));
  // Pictures from a Word file go next to the source: images/<source's name>-<n>.<ext>.
  const stem = targetName(model, absolute).at(-1)!.replace(/\.md$/, '');
  let picture = 0;
  for (const block of model.articles.flatMap((a) => a.blocks)) if (block.image) block.image.name = `${stem}-${++picture}.${block.image.ext}`;
  const source = writeSource(model);
  result.pending = source.split('【待补】').length - 1;
  return { ...done, kind, lines, model, source, reading };
}

/** --verify of one written source: text and front matter, structure, and block by block against the input read again. */
async function verifyOne(written: string, p: Required<Prepared>, options: ImportOptions): Promise<number> {
  const { file } = p.result;
  // Lines the import reported as removed (furniture, running heads) are skipped by the reading
  // too, and so are the lines it took as front matter fields (a dateline under the title); the
  // lines it reported joining (a paragraph broken at a page end) may go on a paragraph.
  const linesOf = (rule: { id: string }) => file.messages.filter((m) => isOf(m, rule) && m.line !== undefined).map((m) => m.line as number);
  const removed = new Set([...linesOf(rules.importFurniture), ...Object.values(p.model.found)]);
  const joined = new Set(linesOf(rules.importJoined));
  const body = written.replace(/^---\n[\s\S]*?\n---\n/, '');
  let blockDifferences: number;
  try {
    blockDifferences = verifyBlocks(body, await p.reading(), file, { ...(options.simplified ? { simplified: true } : {}), ...(p.kind === 'pdf' || p.kind === 'docx' ? {} : { removed, joined }) });
  } catch (error) {
    if (error instanceof ImportLimitError) report(file, rules.importTooLarge, { format: p.kind === 'pdf' ? 'PDF' : 'Word', kind: error.kind, where: error.where, limit: error.limit });
    else report(file, rules.importUnreadable, { kind: p.kind === 'pdf' ? 'PDF' : 'Word', detail: detailOf(error) });
    blockDifferences = 1;
  }
  return verify(written, p.lines, file) + verifyStructure(written, p.model, file) + blockDifferences;
}

/** What import-report.json says of one input. */
export interface ReportEntry {
  input: string;
  source: string | null;
  status: 'written' | 'unchanged' | 'failed';
  format: string | null;
  recognised: ImportedFront;
  /** 【待补】 markers left in the source for the archivist. */
  pending: number;
  /** --verify's verdict: the number of differences, or null when it was not run. */
  differences: number | null;
  errors: string[];
}

export function reportEntries(results: ImportedFile[]): ReportEntry[] {
  return results.map((r) => ({
    input: r.input,
    source: r.output ?? null,
    status: r.output === undefined ? 'failed' : r.unchanged ? 'unchanged' : 'written',
    format: r.format ?? null,
    recognised: r.recognised,
    pending: r.pending ?? 0,
    differences: r.differences ?? null,
    // Each error with its line and its hint: "12: reason — hint".
    errors: [
      ...(r.error ? [r.error.message] : []),
      ...r.file.messages.filter((m) => m.fatal === true).map((m) => `${m.line ? `${m.line}: ` : ''}${m.reason}${m.note ? ` — ${m.note}` : ''}`),
    ],
  }));
}

/** import-report.json, written whole or not at all (a temporary file renamed). */
async function writeReport(target: string, results: ImportedFile[]): Promise<void> {
  await replaceAtomically(target, (tmp) => writeFile(tmp, `${JSON.stringify({ files: reportEntries(results) }, null, 2)}\n`));
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What the input is, by its first bytes (a renamed file is read for what it is), else by its
 * name. An OLE file is a Word 97-2003 .doc, unless it is a WPS or spreadsheet file (.wps, .et,
 * .dps, .xls: converted first), an encrypted Office file (its package inside an OLE file) or a
 * .doc saved with a password (the FIB's fEncrypted bit).
 */
function inputKind(file: string, bytes: Uint8Array): 'pdf' | 'docx' | 'doc' | 'text' | 'convert' | 'encrypted' {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (/\.(?:wps|et|dps|xls|ppt)$/i.test(file) && (buffer.subarray(0, 8).equals(OLE) || buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))) return 'convert';
  if (buffer.subarray(0, 8).equals(OLE)) {
    if (buffer.indexOf(Buffer.from('EncryptedPackage', 'utf16le')) >= 0) return 'encrypted';
    // The FIB opens the WordDocument stream, at the start of a 512-byte sector: wIdent 0xA5EC.
    for (let at = 512; at + 12 <= buffer.length; at += 512) {
      if (buffer.readUInt16LE(at) !== 0xa5ec) continue;
      return (buffer.readUInt16LE(at + 0xa) & 0x0100) !== 0 ? 'encrypted' : 'doc';
    }
    return /\.doc$/i.test(file) ? 'doc' : 'convert';
  }
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && /\.docx$/i.test(file)) return 'docx';
  return 'text';
}

async function readInput(absolute: string, shown: string, result: ImportedFile, maxBytes: number): Promise<Uint8Array | undefined> {
  try {
    // A regular file only: a FIFO or /dev/zero is refused before it is read (text/regularFile.ts).
    const read = readRegularFile(absolute, maxBytes);
    if (read.kind === 'directory') throw Object.assign(new DetailError(details.isFolder()), { code: 'EISDIR' });
    if (read.kind === 'large') {
      result.error = bulletinError('ImportInputTooLarge', [shown, (read.size / 1024 / 1024).toFixed(1), (maxBytes / 1024 / 1024).toFixed(0)]);
      return undefined;
    }
    if (read.kind === 'special') {
      result.error = bulletinError('ImportInputNotAFile', [shown, read.what]);
      return undefined;
    }
    return read.bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    result.error =
      code === 'ENOENT'
        ? bulletinError('PathNotFound', [shown])
        : bulletinError('ImportInputUnreadable', [shown, code === 'EACCES' ? details.noReadPermission() : error instanceof Error ? error.message : String(error)], error);
    return undefined;
  }
}

/** `<year>/<issue, 3 digits>.md`; without an issue, the input's name; without a year, no folder. */
function targetName(model: ImportModel, input: string): string[] {
  const year = (model.front.date ?? model.front.printed)?.slice(0, 4);
  const stem = path.basename(input).replace(/\..*$/, '') || 'imported';
  const name = model.front.issue !== undefined ? `${String(model.front.issue).padStart(3, '0')}.md` : `${stem}.md`;
  return year ? [year, name] : [name];
}

async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch {
    return false;
  }
}
