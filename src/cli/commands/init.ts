import { InvalidArgumentError, type Command } from 'commander';
import path from 'node:path';
import { isCalendarDate } from '../../model/dates.js';
import type { CommandContext } from '../main.js';

export function registerInit(program: Command, { io, exit }: CommandContext): void {
  program
    .command('init')
    .description('新建一个简报项目：配置文件（含全部选项说明）、一期演示简报、.gitignore 和 CI 示例')
    .argument('[dir]', '项目目录（默认当前目录；不存在时新建）')
    .option('--date <YYYY-MM-DD>', '演示简报的日期（默认今天）', (v: string) => {
      if (!isCalendarDate(v)) throw new InvalidArgumentError('应为 YYYY-MM-DD 格式的有效日期');
      return v;
    })
    .addHelpText('after', '\n示例：\n  $ bulletin init 应急简报 && cd 应急简报 && bulletin build\n\n已有同名文件时不做任何改动（退出码 1）。')
    .action(async (dir: string | undefined, opts: { date?: string }) => {
      const { init } = await import('../../core/init.js');
      const result = await init({ dir, date: opts.date, io });
      const where = path.relative(io.cwd, result.root) || '.';
      io.stdout(`已新建简报项目 ${where}：\n${result.files.map((f) => `  ${f}`).join('\n')}\n\n下一步：${where === '.' ? '' : `cd ${where} && `}bulletin build   （PDF 与 HTML 生成到 dist/）\n`);
      exit(0);
    });
}
