import { Command, CommanderError } from 'commander';
import { processIo, type Io } from '../core/io.js';
import { describeError } from '../diagnostics/errors.js';
import { interruptExitCode } from '../core/interrupt.js';
import { commands } from './commands/index.js';

import { VERSION } from '../version.js';

/** Exit codes: 0 ok, 1 problems found, 2 usage error, 130/143 interrupted. */
export type ExitCode = number;

export interface CommandContext {
  io: Io;
  /** Set by the command's action. */
  exit: (code: ExitCode) => void;
}

/** Builds the commander program; each command lives in its own file under commands/. */
export function program(context: CommandContext): Command {
  const cmd = new Command('bulletin')
    .description('把 Markdown 简报源文件编译为打印版 PDF 和 HTML（江西应急管理简报格式）')
    .version(VERSION, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .addHelpText(
      'after',
      `
示例：
  $ bulletin build                       构建 bulletins/ 下的全部简报到 dist/
  $ bulletin build bulletins/2021/064.md --format pdf
  $ bulletin check --strict              只检查，不生成
  $ bulletin new --date 2021-06-28       新建下一期`,
    )
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      styleUsage: (usage) => usage.replace('[options]', '[选项]').replace('[command]', '[命令]'),
      styleSubcommandTerm: (term) => term.replace('[options]', '[选项]'),
      optionDescription: (option) =>
        option.defaultValue !== undefined && option.defaultValueDescription !== undefined
          ? `${option.description}（默认：${option.defaultValueDescription}）`
          : option.description,
    })
    .showHelpAfterError('（用 bulletin --help 查看用法）')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => context.io.stdout(s),
      writeErr: (s) => context.io.stderr(s),
      outputError: (s, write) => write(translateCommanderError(s)),
    });
  for (const register of commands) register(cmd, context);
  return cmd;
}

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

function translateCommanderError(s: string): string {
  return s
    .replace(/^error: unknown option '(.+)'/m, "错误：未知的选项 '$1'")
    .replace(/^error: unknown command '(.+)'/m, "错误：未知的命令 '$1'")
    .replace(/^error: option '(.+)' argument missing/m, "错误：选项 '$1' 缺少参数")
    .replace(/^error: option '(.+)' argument '(.*)' is invalid\. /m, "错误：选项 '$1' 的参数 '$2' 无效：")
    .replace(/^error: missing required argument '(.+)'/m, "错误：缺少参数 '$1'")
    .replace(/^error: too many arguments.*/m, '错误：参数过多')
    .replace(/^error: /m, '错误：');
}

/** Runs the CLI with the given arguments; returns the exit code instead of exiting. */
export async function run(argv: string[], io: Io = processIo()): Promise<ExitCode> {
  let code: ExitCode = 0;
  const context: CommandContext = { io, exit: (c) => (code = c) };
  const cmd = program(context);
  const verbose = argv.includes('--verbose');
  try {
    await cmd.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    io.stderr(describeError(error, verbose));
    return interruptExitCode(error) ?? (code || 1);
  }
}
