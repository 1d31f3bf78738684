import { InvalidArgumentError, type Command } from 'commander';
import { isCalendarDate } from '../../model/dates.js';
import type { CommandContext } from '../main.js';

function parseDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError(`“${value}”不是有效日期，应写成 YYYY-MM-DD，如 2021-06-28`);
  return value;
}

export function registerNew(program: Command, { io, exit }: CommandContext): void {
  program
    .command('new')
    .description('按已有各期的编号新建下一期源文件（bulletins/<年>/<期号>.md），不覆盖已有文件')
    .option('-s, --series <name>', '专刊名称；专刊编号取该专刊上一期加 1')
    .option('-d, --date <YYYY-MM-DD>', '编发日期（默认今天，北京时间；设置了 SOURCE_DATE_EPOCH 时取其日期）', parseDate)
    .option('-t, --title <text>', '文章标题（默认写“标题”占位，由编辑替换）')
    .option('--json', '在标准输出打印机器可读的结果')
    .addHelpText(
      'after',
      `
示例：
  $ bulletin new
  $ bulletin new --date 2021-06-28 --title "全省安全生产工作会议召开"
  $ bulletin new --series 省安全生产专项整治三年行动专刊

期号每年从 1 重新开始（配置 numbering.reset: never 则跨年连续），总期号在全部期次中加 1。
退出码：0 成功；1 出错（如文件已存在、已有源文件有错误）；2 用法错误。`,
    )
    .action(async (opts: { series?: string; date?: string; title?: string; json?: boolean }) => {
      const { newIssue } = await import('../../core/newIssue.js');
      const result = await newIssue({ ...opts, io });
      exit(result.exitCode);
    });
}
