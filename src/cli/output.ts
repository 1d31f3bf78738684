import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { translate } from '../catalogue.js';
import { BulletinError, describeError } from '../diagnostics/errors.js';
import { formatReport, messageToJson } from '../diagnostics/format.js';
import type { Io } from '../core/io.js';
import { TEXTS, type Lang, type Texts } from './texts.js';
import { escapeControls, escapeJsonControls } from '../text/terminal.js';

/** How the CLI speaks: in one language, with colour only on a terminal and never under NO_COLOR. */
export interface Output {
  lang: Lang;
  t: Texts;
  color: boolean;
  /** A progress bar may be drawn: standard error is this process's own terminal. */
  progress: boolean;
  /** A line on standard output. */
  say: (line: string) => void;
  /** A line on standard error. */
  warn: (line: string) => void;
  /** Diagnostics of these files on standard error (nothing when there are none). */
  diagnostics: (files: VFile[], options?: { verbose?: boolean; quiet?: boolean }) => void;
  /** A failure from the error catalogue (or any error) on standard error. */
  error: (error: unknown, verbose?: boolean) => void;
  /** A message as --json gives it, in the chosen language. */
  message: (m: VFileMessage) => ReturnType<typeof messageToJson>;
  json: (value: unknown) => void;
  /** A failure as --json gives it. */
  errorJson: (error: unknown) => { name: string; message: string; hint: string | null };
}

export function output(io: Io, lang: Lang): Output {
  const color = io.terminal === true && !io.env.NO_COLOR && io.env.TERM !== "dumb";
  return {
    lang,
    t: TEXTS[lang],
    color,
    progress: io.terminal === true && process.stderr.isTTY === true && io.env.TERM !== 'dumb' && !io.env.CI,
    // Every line printed is escaped (terminal.ts): names and keys from sources never act on the terminal.
    say: (line) => io.stdout(`${escapeControls(line)}\n`),
    warn: (line) => io.stderr(`${escapeControls(line)}\n`),
    diagnostics: (files, options = {}) => io.stderr(formatReport(files, { ...options, lang, color, translate })),
    error: (error, verbose = false) => io.stderr(escapeControls(describeError(error, verbose, lang))),
    message: (m) => messageToJson(m, translate, lang),
    json: (value) => io.stdout(`${escapeJsonControls(JSON.stringify(value, null, 2))}\n`),
    errorJson: (error) => {
      if (error instanceof BulletinError) {
        const told = error.told(lang);
        return { name: error.errorName, message: told.message, hint: told.hint };
      }
      return { name: 'Error', message: error instanceof Error ? error.message : String(error), hint: null };
    },
  };
}
