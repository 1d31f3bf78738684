import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { configSchema, defaultConfig, type Config } from './schema.js';
import { parseYaml, validateYaml } from '../pipeline/yamlSchema.js';
import { normaliseNewlines } from '../text/decode.js';

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
  return { config: config ?? defaultConfig, file };
}

function unwrapShape(schema: unknown): unknown {
  let s = schema as { shape?: unknown; def?: { innerType?: unknown } } | undefined;
  for (let i = 0; i < 5 && s; i++) {
    if (s.shape) return s.shape;
    s = s.def?.innerType as typeof s;
  }
  return undefined;
}
