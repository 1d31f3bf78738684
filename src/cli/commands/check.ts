import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerCheck(program: Command, { io, exit }: CommandContext): void {
  program
    .command('check')
    .description('检查源文件（前置信息、正文结构、图片、编号、标点排版），不生成输出')
    .argument('[paths...]', '源文件或目录（默认 bulletins/ 下全部）')
    .option('--strict', '有警告也按失败处理（退出码 1）')
    .option('--fix', '自动改正可以安全改正的问题（改写源文件，前置信息不动），列出每处改动和需人工处理的问题')
    .option('--dry-run', '与 --fix 同用：只列出会做的改动，不写入')
    .option('--json', '在标准输出打印机器可读的结果')
    .option('--verbose', '显示详细信息')
    .addHelpText(
      'after',
      `
示例：
  $ bulletin check
  $ bulletin check bulletins/2021/065.md --strict
  $ bulletin check --fix --dry-run       先看会改哪些地方
  $ bulletin check --fix

退出码：0 无错误；1 有错误（--strict 时有警告也是 1）；2 用法错误。`,
    )
    .action(async (paths: string[], opts: { strict?: boolean; json?: boolean; verbose?: boolean; fix?: boolean; dryRun?: boolean }) => {
      const { check } = await import('../../core/check.js');
      const result = await check({ paths, strict: opts.strict, json: opts.json, verbose: opts.verbose, fix: opts.fix, dryRun: opts.dryRun, io });
      exit(result.exitCode);
    });
}
