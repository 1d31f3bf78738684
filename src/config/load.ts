import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { configSchema, defaultConfig, type Config } from './schema.js';
import { parseYaml, placeOf, validateYaml, type YamlSource } from '../pipeline/yamlSchema.js';
import { report } from '../diagnostics/report.js';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { normaliseNewlines } from '../text/decode.js';
import { isInside } from '../paths.js';

export const CONFIG_NAME = 'bulletin.config.yaml';

export interface LoadedConfig {
  config: Config;
  /** The config file with its diagnostics (absent when the project has none). */
  file?: VFile;
}

/** Reads and validates `bulletin.config.yaml` in `root`; without one, the 江西 preset applies. */
export async function loadConfig(root: string, display: (abs: string) => string): Promise<LoadedConfig> {
  const absolute = path.join(root, CONFIG_NAME);
  let text: string;
  try {
    text = normaliseNewlines(await readFile(absolute, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaultConfig };
    const file = new VFile({ path: display(absolute) });
    file.message(`无法读取配置文件：${(error as Error).message}`, { ruleId: 'config-unreadable', source: 'bulletin' }).fatal = true;
    return { config: defaultConfig, file };
  }
  const file = new VFile({ path: display(absolute), value: text });
  const yaml = parseYaml(file, text, 0, 'config');
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
  const config = validateYaml(file, yaml, configSchema, 'config', keysAt);
  if (config) checkFontFiles(file, yaml, config, root);
  return { config: config ?? defaultConfig, file };
}

/** A font file named by the config must be a file inside the project. */
function checkFontFiles(file: VFile, yaml: YamlSource, config: Config, root: string): void {
  for (const role of ['title', 'body', 'kai', 'hei', 'figures'] as const) {
    const chosen = config.fonts[role];
    const at = placeOf(yaml, ['fonts', role, chosen?.file ? 'file' : 'family']);
    if (chosen?.file) {
      const absolute = path.resolve(root, chosen.file);
      if (!isInside(root, absolute)) {
        report(file, 'error', 'config-font-outside', `字体文件在项目目录之外：${chosen.file}`, at, '把字体文件放进项目（如 fonts/），用相对路径引用。');
      } else if (!existsSync(absolute) || !statSync(absolute).isFile()) {
        report(file, 'error', 'config-font-missing', `找不到字体文件：${chosen.file}`, at, '检查路径（相对于项目根目录）和文件名。');
      } else if (!/\.(ttf|otf|woff2?)$/i.test(absolute)) {
        report(file, 'error', 'config-font-type', `不支持的字体文件：${chosen.file}`, at, '使用 .ttf、.otf、.woff 或 .woff2 字体文件。');
      } else if (hasCffOutlines(absolute)) {
        report(file, 'warning', 'config-font-cff', `字体 ${chosen.file} 是 CFF（PostScript）轮廓，Chromium 会把它嵌入为 Type 3 字体`, at, '换用 TrueType 轮廓的版本（.ttf，或 glyf 轮廓的 .woff2），印刷厂和存档要求 TrueType/CID 字体。');
      }
    } else if (chosen?.family && !config.fonts.system) {
      report(file, 'error', 'config-font-system', `字体族名“${chosen.family}”需要系统字体，但未允许使用系统字体`, at, '在 fonts 下加 system: true，或改用项目内的字体文件（file）。');
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
