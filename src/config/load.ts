import { readRegularFile } from '../text/regularFile.js';
import path from 'node:path';
import { VFile } from 'vfile';
import { configSchema, defaultConfig, type Config } from './schema.js';
import { parseYaml, placeOf, validateYaml, type YamlSource } from '../diagnostics/yaml.js';
import { report } from '../diagnostics/report.js';
import { fsErrorArgs } from '../text/fsError.js';
import * as rules from '../diagnostics/rules.js';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { normaliseNewlines } from '../text/decode.js';
import { isInside, isReallyInside } from '../paths.js';

import { CONFIG_NAME, type ProjectPlace } from './locate.js';

export { CONFIG_NAME };

/** A config file larger than this is refused unread. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  config: Config;
  /** The config file with its diagnostics (absent when the project has none). */
  file?: VFile;
}

/**
 * Reads and validates the project's config (`bulletin.config.yaml` in its root, or the file named
 * by --config); without one, the 江西 preset applies, unless the user named a file that is missing.
 */
export async function loadConfig(place: Pick<ProjectPlace, 'root' | 'config' | 'named'>, display: (abs: string) => string): Promise<LoadedConfig> {
  const { root, config: absolute } = place;
  let text: string;
  try {
    // A regular file only (a FIFO would block, /dev/zero never end), and no config is 1 MB.
    const read = readRegularFile(absolute, MAX_CONFIG_BYTES);
    if (read.kind !== 'file') {
      const file = new VFile({ path: display(absolute) });
      const what = read.kind === 'special' ? read.what : read.kind;
      const zh = { fifo: '命名管道', device: '设备文件', socket: '套接字', other: '特殊文件', directory: '目录', large: '超过 1 MB' }[what];
      const en = { fifo: 'a named pipe', device: 'a device', socket: 'a socket', other: 'a special file', directory: 'a folder', large: 'over 1 MB' }[what];
      report(file, rules.configUnreadable, { detail: `not a regular config file (${en})`, zhDetail: `不是普通的配置文件（${zh}）` });
      return { config: defaultConfig, file };
    }
    text = normaliseNewlines(new TextDecoder().decode(read.bytes));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !place.named) return { config: defaultConfig };
    const file = new VFile({ path: display(absolute) });
    report(file, rules.configUnreadable, fsErrorArgs(error));
    return { config: defaultConfig, file };
  }
  const file = new VFile({ path: display(absolute), value: text });
  const yaml = parseYaml(file, text, 0, rules.configYaml);
  if (!yaml) return { config: defaultConfig, file };
  if (yaml.value === null || yaml.value === undefined) return { config: defaultConfig, file };
  const keysAt = (p: readonly PropertyKey[]): string[] => {
    let shape: unknown = configSchema.shape;
    for (const key of p) {
      const field = (shape as Record<string, { unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined>)[String(key)];
      shape = unwrapShape(field);
    }
    return shape && typeof shape === 'object' ? Object.keys(shape) : [];
  };
  const config = validateYaml(file, yaml, configSchema, rules.configYaml, keysAt);
  if (config) checkFontFiles(file, yaml, config, root);
  if (config) checkBrowserPath(file, yaml, config, root);
  return { config: config ?? defaultConfig, file };
}

/**
 * A browser named by the project's config is a program the build runs: it must be given by an
 * absolute path that, links followed, lies outside the project, so that a project (its files
 * are data) cannot bring the program it has run (docs/security.md). A refused path is dropped
 * from the config, so neither build nor doctor starts it.
 */
function checkBrowserPath(file: VFile, yaml: YamlSource, config: Config, root: string): void {
  const chosen = config.browser.executablePath;
  if (chosen === undefined) return;
  if (!path.isAbsolute(chosen) || isReallyInside(root, chosen)) {
    report(file, rules.configBrowserInside, { file: chosen }, placeOf(yaml, ['browser', 'executablePath']));
    delete config.browser.executablePath;
  }
}

/** A font file named by the config must be a file inside the project. */
function checkFontFiles(file: VFile, yaml: YamlSource, config: Config, root: string): void {
  for (const role of ['title', 'body', 'kai', 'hei', 'figures'] as const) {
    const chosen = config.fonts[role];
    const at = placeOf(yaml, ['fonts', role, chosen?.file ? 'file' : 'family']);
    if (chosen?.file) {
      const absolute = path.resolve(root, chosen.file);
      if (!isInside(root, absolute) || !isReallyInside(root, absolute)) {
        report(file, rules.configFontOutside, { file: chosen.file }, at);
      } else if (!existsSync(absolute) || !statSync(absolute).isFile()) {
        report(file, rules.configFontMissing, { file: chosen.file }, at);
      } else if (!/\.(ttf|otf|woff2?)$/i.test(absolute)) {
        report(file, rules.configFontType, { file: chosen.file }, at);
      } else if (hasCffOutlines(absolute)) {
        report(file, rules.configFontCff, { file: chosen.file }, at);
      }
    } else if (chosen?.family && !config.fonts.system) {
      report(file, rules.configFontSystem, { family: chosen.family }, at);
    }
  }
}

/** True when the font's outlines are CFF ('OTTO'), bare or inside a WOFF/WOFF2 wrapper. */
function hasCffOutlines(absolute: string): boolean {
  const head = Buffer.alloc(8);
  const fd = openSync(absolute, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  const tag = head.toString('latin1', 0, 4);
  const flavor = head.toString('latin1', 4, 8);
  return tag === 'OTTO' || ((tag === 'wOFF' || tag === 'wOF2') && flavor === 'OTTO');
}

function unwrapShape(schema: unknown): unknown {
  let s = schema as { shape?: unknown; def?: { innerType?: unknown } } | undefined;
  for (let i = 0; i < 5 && s; i++) {
    if (s.shape) return s.shape;
    s = s.def?.innerType as typeof s;
  }
  return undefined;
}
