// The hostile section of `npm run bench` (also alone: `npm run bench -- --hostile`): every hostile
// input of issue 29 at its documented cap (docs/security.md) is handled — refused or processed —
// in ≤ 10 s and ≤ 1 GB peak RSS, each in a fresh process of the shipped library (dist-lib), so
// one case's memory is not another's. The inputs are made here first (not timed).
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { lyingDocxBomb, pdfWith } from '../tests/hardening/hostile-inputs.js';

const SECONDS = 10;
const PEAK_BYTES = 1024 ** 3;
const MB = 1024 * 1024;
const ROOT = path.resolve(import.meta.dirname, '..');
const FRONT = '---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n# 标题\n\n';
const CHARS = '应急管理安全生产监督检查工作部署落实责任全省各地开展专项整治行动推进会议召开';

/** Lines of `width` characters from CHARS (a fixed sequence, not random: the same every run). */
function wrapped(bytes: number, width: number, end = '', blank = false): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let line = '';
    for (let j = 0; j < width; j++) line += CHARS[(i * 7 + j * 3) % CHARS.length];
    line += end;
    lines.push(line);
    size += Buffer.byteLength(line) + (blank ? 2 : 1);
  }
  return `${lines.join(blank ? '\n\n' : '\n')}\n`;
}

/** Paragraphs of `shape(n)` each with n at the per-paragraph cap of marks, up to the body's cap. */
function marked(shape: (n: number) => string, perParagraph: number): string {
  const paragraphs: string[] = [];
  for (let marks = 0; marks + perParagraph <= 5000; marks += perParagraph) paragraphs.push(shape(perParagraph));
  return `${FRONT}${paragraphs.join('\n\n')}\n`;
}

interface Case {
  name: string;
  /** What the run does with it: import the file, or check the project's sources. */
  command: 'import' | 'check';
  file: string;
  content: () => Promise<Uint8Array | string> | Uint8Array | string;
  /** Also put /dev/zero (linked) and a FIFO among the sources. */
  special?: boolean;
}

const cases: Case[] = [
  { name: 'Word zip bomb, sizes lying (256 MB → cap 32 MB a part)', command: 'import', file: 'bomb.docx', content: () => lyingDocxBomb(256 * MB) },
  { name: 'PDF Flate bomb (512 MB stream → cap 64 MB)', command: 'import', file: 'bomb.pdf', content: () => pdfWith({ inflated: 512 * MB }) },
  { name: 'PDF at the page cap (500 pages)', command: 'import', file: 'pages.pdf', content: () => pdfWith({ pages: 500 }) },
  { name: 'text import at its cap (2 MB, full lines)', command: 'import', file: 'full.txt', content: () => wrapped(2 * MB - 1000, 28) },
  { name: 'text import at its cap (2 MB, open brackets)', command: 'import', file: 'brackets.txt', content: () => wrapped(2 * MB - 1000, 27, '（') },
  { name: 'text import at its cap (2 MB, short blocks)', command: 'import', file: 'blocks.txt', content: () => wrapped(2 * MB - 1000, 20, '', true) },
  { name: 'Markdown: nested links at the mark caps', command: 'check', file: 'bulletins/links.md', content: () => marked((n) => '['.repeat(n / 2) + 'a' + '](b)'.repeat(n / 2), 200) },
  { name: 'Markdown: nested emphasis at the mark caps', command: 'check', file: 'bulletins/em.md', content: () => marked((n) => '*a '.repeat(n / 2) + 'b' + ' a*'.repeat(n / 2), 200) },
  { name: 'Markdown: *a** runs at the mark caps', command: 'check', file: 'bulletins/runs.md', content: () => marked((n) => '*a**'.repeat(n / 3), 200) },
  { name: 'Markdown: ~~a strikes at the mark caps', command: 'check', file: 'bulletins/strike.md', content: () => marked((n) => '~~a'.repeat(n / 2), 200) },
  { name: 'Markdown: 1 MB source, one bold run (refused: cap 200 marks)', command: 'check', file: 'bulletins/bold.md', content: () => `${FRONT}${'**'.repeat(MB / 2 - 100)}a\n` },
  { name: 'Markdown: bold runs at the mark caps', command: 'check', file: 'bulletins/boldcap.md', content: () => marked((n) => `${'*'.repeat(n)}a`, 200) },
  { name: 'Markdown: 1 MB source, <a autolink openers (refused: cap 200 marks)', command: 'check', file: 'bulletins/angle.md', content: () => `${FRONT}${'<a'.repeat(MB / 2 - 100)}\n` },
  { name: 'Markdown: <a openers at the mark caps', command: 'check', file: 'bulletins/anglecap.md', content: () => marked((n) => '<a'.repeat(n), 200) },
  { name: 'Markdown: source at its cap (1 MB of paragraphs)', command: 'check', file: 'bulletins/plain.md', content: () => `${FRONT}${wrapped(MB - 4000, 28, '。', true)}` },
  { name: 'source linked to /dev/zero and a FIFO (refused)', command: 'check', file: 'bulletins/ok.md', content: () => `${FRONT}正文。\n`, special: true },
  { name: 'title of 300,000 characters (refused: cap 200)', command: 'check', file: 'bulletins/title.md', content: () => `${FRONT.replace('# 标题', `# ${'应急'.repeat(150_000)}`)}正文。\n` },
];

/** Runs one case in a new Node process: its time (of the library call) and its peak RSS. */
const RUNNER = `
const [lib, command, dir, file] = [await import(process.argv[1]), process.argv[2], process.argv[3], process.argv[4]];
const io = { cwd: dir, env: { ...process.env }, stdout: () => {}, stderr: () => {} };
const t0 = performance.now();
const result = command === 'import' ? await lib.importText({ files: [file], io, out: 'out' }) : await lib.check({ io });
const seconds = (performance.now() - t0) / 1000;
const messages = command === 'import' ? result.files.flatMap((f) => [...f.file.messages.map((m) => m.ruleId), ...(f.error ? [f.error.name] : [])]) : [];
// The peak of this process's own memory: VmHWM (getrusage's maxRSS keeps the parent's peak across exec on Linux).
const hwm = await import('node:fs').then((fs) => /VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]).catch(() => undefined);
const peak = hwm ? Number(hwm) * 1024 : process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ seconds, peak, exitCode: result.exitCode, messages: [...new Set(messages)].slice(0, 3) }));
`;

export async function hostileBench(out: (text: string) => void): Promise<number> {
  const lib = path.join(ROOT, 'dist-lib/index.js');
  let missed = 0;
  out('恶意输入 hostile inputs（各在新进程中，上限见 docs/security.md；目标 ≤ 10 s、峰值 ≤ 1 GB）\n');
  for (const c of cases) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-hostile-'));
    try {
      await mkdir(path.dirname(path.join(dir, c.file)), { recursive: true });
      await writeFile(path.join(dir, c.file), await c.content());
      if (c.special) {
        await symlink('/dev/zero', path.join(dir, 'bulletins/zero.md'));
        await promisify(execFile)('mkfifo', [path.join(dir, 'bulletins/pipe.md')]);
      }
      const started = Date.now();
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', RUNNER, lib, c.command, dir, c.file], { cwd: dir, maxBuffer: 16 * MB, timeout: 120_000 });
      const r = JSON.parse(stdout) as { seconds: number; peak: number; exitCode: number; messages: string[] };
      const ok = r.seconds <= SECONDS && r.peak <= PEAK_BYTES;
      if (!ok) missed++;
      const wall = (Date.now() - started) / 1000;
      out(`  ${ok ? '✓' : '✗'} ${c.name}: ${r.seconds.toFixed(2)} s（进程 process ${wall.toFixed(1)} s），峰值 peak ${(r.peak / MB).toFixed(0)} MB，exit ${r.exitCode}${r.messages.length ? `，${r.messages.join(' ')}` : ''}\n`);
    } catch (error) {
      missed++;
      out(`  ✗ ${c.name}: ${(error as Error).message.split('\n')[0]}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return missed;
}
