import { Command, CommanderError, Option } from 'commander';
import { processIo, type Io } from '../core/io.js';
import { interruptExitCode } from '../core/interrupt.js';
import { commands } from './commands/index.js';
import { output, type Output } from './output.js';
import { resolveLang, type Lang } from './texts.js';
import { escapeControls } from '../text/terminal.js';

import { VERSION } from '../version.js';

/** Exit codes: 0 ok, 1 problems found, 2 usage error, 130/143 interrupted. */
export type ExitCode = number;

export interface CommandContext {
  io: Io;
  /** How the CLI speaks (language, colour); every text comes from out.t. */
  out: Output;
  /** Set by the command's action. */
  exit: (code: ExitCode) => void;
}

/** Builds the commander program; each command lives in its own file under commands/. */
export function program(context: CommandContext): Command {
  const t = context.out.t.program;
  const cmd = new Command('bulletin')
    .description(t.description)
    .version(VERSION, '-V, --version', t.version)
    .helpOption('-h, --help', t.help)
    .helpCommand(context.out.lang === 'zh' ? 'help [命令]' : 'help [command]', t.helpCommand)
    .addOption(new Option('--lang <zh|en>', t.lang).choices(['zh', 'en']))
    .addHelpText('after', t.examples)
    .configureHelp({
      styleTitle: (title) => t.titles[title] ?? title,
      styleUsage: (usage) => t.usage(usage),
      styleSubcommandTerm: (term) => t.usage(term),
      optionDescription: (option) =>
        option.defaultValue !== undefined && option.defaultValueDescription !== undefined ? `${option.description}${t.defaultValue(option.defaultValueDescription)}` : option.description,
    })
    .showHelpAfterError(t.afterError)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => context.io.stdout(escapeControls(s)),
      writeErr: (s) => context.io.stderr(escapeControls(s)),
      outputError: (s, write) => write(t.commanderError(s)),
    });
  for (const register of commands) register(cmd, context);
  return cmd;
}


/** Runs the CLI with the given arguments; returns the exit code instead of exiting. */
export async function run(argv: string[], io: Io = processIo()): Promise<ExitCode> {
  let code: ExitCode = 0;
  const out = output(io, resolveLang(langFlag(argv), io.env));
  const context: CommandContext = { io, out, exit: (c) => (code = c) };
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
    const exitCode = interruptExitCode(error) ?? (code || 1);
    // --json promises its document for every failure, this one too.
    if (jsonFlag(argv)) out.json({ ok: false, exitCode, error: out.errorJson(error) });
    else out.error(error, verbose);
    return exitCode;
  }
}

/** `--json` before a bare `--`. */
function jsonFlag(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** `--lang en` or `--lang=en` anywhere before a bare `--`: read before the help texts are made. */
function langFlag(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i]!;
    if (a === '--lang') return (argv[i + 1] ?? '') as Lang;
    if (a.startsWith('--lang=')) return a.slice(7) as Lang;
  }
  return undefined;
}
