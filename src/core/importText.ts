import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { bulletinError, type BulletinError } from '../diagnostics/errors.js';
import { hasErrors, report } from '../diagnostics/report.js';
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
import { displayPath, type Io } from './io.js';

export interface ImportOptions {
  files: string[];
  /** Folder the sources go to (default `bulletins`), as `<out>/<year>/<issue>.md`. */
  out?: string;
  force?: boolean;
  simplified?: boolean;
  verify?: boolean;
  io: Io;
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
  file: VFile;
  error?: BulletinError;
}

export interface ImportResult {
  exitCode: number;
  files: ImportedFile[];
}

/** Legacy input larger than this is refused: a bulletin's text is a few dozen KB. */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * `bulletin import`: turns legacy bulletin texts (pdftotext output, web copies) into sources,
 * one per issue, reporting what it recognised and what the archivist must check.
 */
export async function importText(options: ImportOptions): Promise<ImportResult> {
  const { io } = options;
  const outRoot = path.resolve(io.cwd, options.out ?? 'bulletins');
  const writer = new Writer(outRoot);
  const targets = new Map<string, string>();
  const results: ImportedFile[] = [];
  for (const input of options.files) {
    const absolute = path.resolve(io.cwd, input);
    const shown = displayPath(io, absolute);
    const file = new VFile({ path: shown, cwd: '' });
    const result: ImportedFile = { input: shown, recognised: {}, articles: [], file };
    results.push(result);
    const bytes = await readInput(absolute, shown, result);
    if (!bytes) continue;
    const kind = inputKind(absolute, bytes);
    if (kind === 'convert' || kind === 'encrypted') {
      report(file, rules.importConvertFirst, { reason: kind === 'encrypted' ? 'encrypted' : path.extname(absolute).slice(1).toLowerCase(), file: path.basename(absolute) });
      continue;
    }
    result.format = kind;
    let cleaned: { lines: Line[]; stats: CleanStats };
    /** The input read again for --verify, without the import's structure (reading.ts). */
    let reading: () => Promise<Reading>;
    if (kind === 'pdf' || kind === 'docx') {
      reading = async () => (kind === 'pdf' ? readPdf(bytes) : readDocx(bytes));
      let lines: Line[];
      try {
        lines = kind === 'pdf' ? await (await import('../import/pdf.js')).pdfLines(bytes) : await (await import('../import/docx.js')).docxLines(bytes);
      } catch (error) {
        report(file, rules.importUnreadable, { kind: kind === 'pdf' ? 'PDF' : 'Word', detail: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (lines.length === 0) {
        report(file, rules.importNoText, { kind: kind === 'pdf' ? 'PDF' : 'Word' });
        continue;
      }
      cleaned = cleanLines(lines, file, { simplified: options.simplified });
    } else if (kind === 'doc') {
      let text: string;
      try {
        text = await (await import('../import/doc.js')).docText(bytes);
      } catch (error) {
        report(file, rules.importUnreadable, { kind: 'Word 97-2003', detail: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (text.trim() === '') {
        report(file, rules.importNoText, { kind: 'Word 97-2003' });
        continue;
      }
      reading = async () => readDoc(bytes);
      cleaned = clean(normaliseNewlines(text), file, { simplified: options.simplified });
    } else {
      const decoded = decode(bytes);
      if (!decoded.ok) {
        if (decoded.reason === 'binary') report(file, rules.importBinary, { offset: decoded.offset ?? 0 });
        else report(file, rules.importEncoding, {});
        continue;
      }
      result.encoding = decoded.encoding;
      const text = normaliseNewlines(decoded.text);
      reading = async () => readText(text);
      cleaned = clean(normaliseNewlines(decoded.text), file, { simplified: options.simplified });
    }
    const { lines, stats } = cleaned;
    result.stats = stats;
    // Text decoded with the wrong one of GBK and UTF-8 cannot be told back: nothing is written.
    if (file.messages.some((m) => m.ruleId === 'import-cross-decoded')) continue;
    const model = recognise(lines, file);
    result.recognised = model.front;
    result.articles = model.articles.map((a) => ({
      ...(a.title !== undefined ? { title: a.title } : {}),
      headings: a.blocks.filter((b) => b.type === 'heading').length,
      paragraphs: a.blocks.filter((b) => b.type === 'paragraph').length,
    }));
    const source = writeSource(model);
    const target = path.join(outRoot, ...targetName(model, absolute));
    const earlier = targets.get(target);
    if (earlier !== undefined) {
      result.error = bulletinError('ImportDuplicateTarget', [displayPath(io, target), earlier, shown]);
      continue;
    }
    targets.set(target, shown);
    if (!options.force && (await exists(target))) {
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
    if (options.verify) {
      const written = await readFile(target, 'utf8');
      // Lines the import reported as removed (furniture, running heads) are skipped by the reading too.
      // So are the lines it took as front matter fields (a dateline under the title), and the
      // lines it reported joining (a paragraph broken at a page end) may go on a paragraph.
      const linesOf = (id: string) => file.messages.filter((m) => m.ruleId === id && m.line !== undefined).map((m) => m.line as number);
      const removed = new Set([...linesOf('import-furniture'), ...Object.values(model.found)]);
      const joined = new Set(linesOf('import-joined'));
      const body = written.replace(/^---\n[\s\S]*?\n---\n/, '');
      let blockDifferences: number;
      try {
        blockDifferences = verifyBlocks(body, await reading(), file, { ...(options.simplified ? { simplified: true } : {}), ...(kind === 'pdf' || kind === 'docx' ? {} : { removed, joined }) });
      } catch (error) {
        report(file, rules.importUnreadable, { kind: result.format === 'pdf' ? 'PDF' : 'Word', detail: error instanceof Error ? error.message : String(error) });
        blockDifferences = 1;
      }
      result.differences = verify(written, lines, file) + verifyStructure(written, model, file) + blockDifferences;
    }
  }

  const exitCode = results.some((r) => r.error || hasErrors(r.file)) ? 1 : 0;
  return { exitCode, files: results };
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

async function readInput(absolute: string, shown: string, result: ImportedFile): Promise<Uint8Array | undefined> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) throw Object.assign(new Error('这是一个目录，不是文本文件'), { code: 'EISDIR' });
    if (info.size > MAX_INPUT_BYTES) throw new Error(`文件过大（${(info.size / 1024 / 1024).toFixed(1)} MB）`);
    return await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    result.error =
      code === 'ENOENT'
        ? bulletinError('PathNotFound', [shown])
        : bulletinError('ImportInputUnreadable', [shown, code === 'EACCES' ? '没有读取权限' : error instanceof Error ? error.message : String(error)], error);
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
