import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { build, type Format } from './build.js';
import { displayPath, type Io } from './io.js';
import { readManifest } from './publish.js';

export interface VerifyOptions {
  /** The manifest to prove; default: manifest.json in the output folder. */
  manifest?: string;
  json?: boolean;
  io: Io;
}

export interface Difference {
  source: string;
  kind: 'html' | 'pdf' | 'docx' | 'missing';
  expected: string | null;
  actual: string | null;
}

/**
 * Rebuilds every issue of a manifest into a temporary folder and compares sha256: proves a
 * published issue is what these sources, templates and tool version produce.
 */
export async function verify(options: VerifyOptions): Promise<{ exitCode: number; differences: Difference[] }> {
  const { io } = options;
  const { config } = await loadConfig(io.cwd, (abs) => displayPath(io, abs));
  const manifestPath = path.resolve(io.cwd, options.manifest ?? path.join(config.out, 'manifest.json'));
  const entries = await readManifest(manifestPath);
  if (entries.length === 0) {
    io.stderr(`错误：清单 ${displayPath(io, manifestPath)} 不存在或没有任何一期。\n提示：先运行 bulletin build。\n`);
    return { exitCode: 1, differences: [] };
  }
  const formats: Format[] = [];
  if (entries.some((e) => e.html)) formats.push('html');
  if (entries.some((e) => e.pdf)) formats.push('pdf');
  if (entries.some((e) => e.docx)) formats.push('docx');
  const temp = await mkdtemp(path.join(tmpdir(), 'bulletin-verify-'));
  const differences: Difference[] = [];
  try {
    const quiet: Io = { ...io, stdout: () => {}, stderr: () => {} };
    const rebuilt = await build({ io: quiet, paths: entries.map((e) => e.source), out: temp, formats });
    const bySource = new Map(rebuilt.issues.flatMap((i) => (i.entry ? [[i.entry.source, i.entry] as const] : [])));
    for (const e of entries) {
      const again = bySource.get(e.source);
      if (!again) {
        differences.push({ source: e.source, kind: 'missing', expected: null, actual: null });
        continue;
      }
      for (const kind of ['html', 'pdf', 'docx'] as const) {
        const expected = e[kind]?.sha256 ?? null;
        const actual = again[kind]?.sha256 ?? null;
        if (expected !== null && expected !== actual) differences.push({ source: e.source, kind, expected, actual });
      }
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  const exitCode = differences.length ? 1 : 0;
  if (options.json) {
    io.stdout(`${JSON.stringify({ ok: exitCode === 0, checked: entries.length, differences }, null, 2)}\n`);
  } else {
    for (const d of differences) {
      io.stderr(
        d.kind === 'missing'
          ? `✗ ${d.source}：无法重建（源文件缺失或有错误，用 bulletin check 查看）\n`
          : `✗ ${d.source}：${d.kind.toUpperCase()} 不一致（清单 ${d.expected?.slice(0, 12)}…，重建 ${d.actual?.slice(0, 12) ?? '无'}…）\n`,
      );
    }
    io.stdout(`核对了 ${entries.length} 期：${differences.length ? `${new Set(differences.map((d) => d.source)).size} 期不一致` : '全部一致'}\n`);
  }
  return { exitCode, differences };
}
