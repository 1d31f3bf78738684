import { readFile, stat } from 'node:fs/promises';
import { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { decode, normaliseNewlines, ENCODING_NAMES } from '../text/decode.js';

/** Sources larger than this are refused: no bulletin is anywhere near it. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

/**
 * Reads one source into a VFile: decoded (UTF-8, or a detected legacy encoding with a
 * warning) and with newlines normalised. Problems become fatal messages on the file.
 * `path` is what the user sees (relative to the cwd); `absolute` is where it is.
 */
export async function read(path: string, absolute: string): Promise<VFile> {
  const file = new VFile({ path, cwd: '' });
  file.data.absolute = absolute;
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    report(file, 'error', 'source-unreadable', `无法读取源文件：${explainFsError(error)}`, undefined, '检查文件是否存在以及读取权限。');
    return file;
  }
  if (info.isDirectory()) {
    report(file, 'error', 'source-is-directory', '这是一个目录，不是源文件', undefined, '目录名不要以 .md 结尾，或写出目录中的源文件。');
    return file;
  }
  if (info.size > MAX_SOURCE_BYTES) {
    report(
      file,
      'error',
      'source-too-large',
      `源文件过大（${(info.size / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_SOURCE_BYTES / 1024 / 1024} MB）`,
      undefined,
      '一期简报的源文件通常不到 100 KB；检查是否选错了文件，或把内容拆成多期。',
    );
    return file;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    report(file, 'error', 'source-unreadable', `无法读取源文件：${explainFsError(error)}`, undefined, '检查文件的读取权限。');
    return file;
  }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    if (decoded.reason === 'binary') {
      report(file, 'error', 'source-binary', `源文件含有二进制内容（第 ${decoded.offset ?? 0} 字节处有控制字符），不是文本`, undefined, '确认选的是 Markdown 文本文件；从 Word 复制的内容请先另存为纯文本。');
    } else {
      report(file, 'error', 'source-encoding', '无法判断源文件的编码', undefined, '请把文件另存为 UTF-8 编码后再试。');
    }
    return file;
  }
  file.value = normaliseNewlines(decoded.text);
  file.data.encoding = decoded.encoding;
  if (decoded.encoding !== 'utf-8' && decoded.encoding !== 'utf-8-bom') {
    report(
      file,
      'warning',
      'source-encoding-legacy',
      `源文件的编码是 ${ENCODING_NAMES[decoded.encoding]}，已按此读取`,
      undefined,
      '建议把源文件另存为 UTF-8。',
    );
  }
  return file;
}

export function explainFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'EISDIR':
      return '这是一个目录';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
