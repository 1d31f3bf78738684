import * as z from 'zod/mini';
import { stringify } from 'yaml';
import { configSchema } from './schema.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  default?: unknown;
  enum?: unknown[];
}

/** A YAML value on one line (`"#E60012"`, `true`, `{ 抄报: 省委、省政府领导 }`). */
function inline(value: unknown): string {
  return stringify(value, { flowCollectionPadding: true, collectionStyle: 'flow', lineWidth: 0 }).trim();
}

function lines(schema: JsonSchema, indent: string, commented: boolean): string[] {
  const out: string[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const choices = prop.enum ? `（可选：${prop.enum.join('、')}）` : '';
    if (prop.description) out.push(`${indent}# ${prop.description}${choices}`);
    // An option with no default is shown commented out, so the file means exactly the preset.
    const off = commented || prop.default === undefined;
    const hash = off ? '# ' : '';
    if (prop.properties) {
      out.push(`${indent}${hash}${key}:`);
      out.push(...lines(prop, `${indent}  `, off));
    } else {
      const example = prop.default !== undefined ? inline(prop.default) : '';
      out.push(`${indent}${hash}${key}:${example ? ` ${example}` : ''}`);
    }
  }
  return out;
}

/**
 * bulletin.config.yaml as `bulletin init` writes it: every option of the schema with its Chinese
 * description, set to the preset's value (or commented out where the preset has none).
 */
export function commentedConfig(): string {
  const json = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return [
    '# bulletin 的项目配置。所有选项都可省略：省略时使用江西应急管理简报预设（即下面写出的值）。',
    '# 各选项的说明也见 bulletin 自带的 docs/config.md；改完运行 bulletin check 或 bulletin doctor 检查。',
    '',
    ...lines(json, '', false),
    '',
  ].join('\n');
}
