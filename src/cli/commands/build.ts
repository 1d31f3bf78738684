import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Format } from '../../core/build.js';
import { watchInterrupts } from '../../core/interrupt.js';
import type { CommandContext } from '../main.js';
import type { Shard } from '../../core/publish.js';

function parseFormats(value: string): Format[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  for (const f of formats) {
    if (f !== 'html' && f !== 'pdf' && f !== 'docx') throw new InvalidArgumentError(`未知的格式“${f}”，可选 html、pdf、docx`);
  }
  return [...new Set(formats)] as Format[];
}

function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('应写成 k/n，如 1/3（1 ≤ k ≤ n）');
  return { index, count };
}

export function registerBuild(program: Command, { io, exit }: CommandContext): void {
  program
    .command('build')
    .description('把源文件构建为 HTML 和 PDF（默认构建 bulletins/ 下全部源文件）')
    .argument('[paths...]', '源文件或目录')
    .option('-o, --out <dir>', '输出目录（默认 dist，或配置中的 out）')
    .addOption(new Option('-f, --format <list>', '输出格式，逗号分隔：html,pdf,docx（docx 为可编辑的 Word 文件）').default(['html', 'pdf'], 'html,pdf').argParser(parseFormats))
    .option('--shard <k/n>', '只构建确定的 n 分之一（供 CI 并行），写出自己的清单；之后用 bulletin index 合并', parseShard)
    .option('--force', '不用缓存：重新构建每一期（默认只构建源文件、图片、配置、模板、字体或浏览器有变化的期）')
    .option('--draft', '源文件中还有【待补】等未完成内容时也生成，输出标为草稿（每页有“草稿”字样，清单中 draft: true）')
    .option('--browser <path>', '用这个 Chrome/Edge/Chromium 生成 PDF（优先于配置、环境变量和自动查找）')
    .option('--json', '在标准输出打印机器可读的结果')
    .option('--verbose', '显示详细信息（含出错时的调用栈）')
    .addHelpText(
      'after',
      `
示例：
  $ bulletin build
  $ bulletin build bulletins/2021/064.md --out public
  $ bulletin build --format pdf --json > report.json
  $ bulletin build --shard 2/3 && bulletin index      # CI 并行：各作业构建一份，再合并

退出码：0 成功；1 有源文件出错；2 用法错误；130/143 被 Ctrl-C（SIGINT）/SIGTERM 中断。`,
    )
    .action(async (paths: string[], opts: { out?: string; format: Format[]; json?: boolean; verbose?: boolean; shard?: Shard; browser?: string; draft?: boolean; force?: boolean }) => {
      const { build } = await import('../../core/build.js');
      const interrupts = watchInterrupts();
      try {
        const result = await build({ paths, out: opts.out, formats: opts.format, json: opts.json, verbose: opts.verbose, shard: opts.shard, browser: opts.browser, draft: opts.draft, force: opts.force, io, signal: interrupts.signal });
        exit(result.exitCode);
      } finally {
        interrupts.dispose();
      }
    });
}
