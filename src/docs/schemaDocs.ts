import * as z from 'zod/mini';
import { configSchema } from '../config/schema.js';
import { frontMatterSchema } from '../model/frontMatter.js';
import { catalogue } from '../diagnostics/errors.js';
import { LEXICON, LINT_RULES, lintRule } from '../lint/rules.js';
import { CONFUSABLES, SOURCES } from '../lint/confusables.js';
import { SEVERITY_LABELS } from '../diagnostics/report.js';
import { findingsOn } from './lintExamples.js';
import { allRules } from '../catalogue.js';
import { GROUP_TITLES } from '../diagnostics/rules.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' 或 ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : ''} 列表`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return `键值表（值：${typeOf(s.additionalProperties)}）`;
  const t = Array.isArray(s.type) ? s.type.join('/') : s.type ?? '';
  const names: Record<string, string> = { integer: '整数', string: '文字', boolean: 'true/false', object: '键值表', number: '数字' };
  let out = names[t] ?? t;
  if (s.minimum !== undefined) out += ` ≥ ${s.minimum}`;
  if (s.maximum !== undefined && s.maximum < 1e9) out += ` ≤ ${s.maximum}`;
  return out;
}

function rows(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const name = `${prefix}${key}`;
    const required = schema.required?.includes(key) && prop.default === undefined ? '是' : '否';
    const def = prop.default !== undefined && typeof prop.default !== 'object' ? `\`${JSON.stringify(prop.default)}\`` : prop.default !== undefined ? `\`${JSON.stringify(prop.default)}\`` : '';
    out.push(`| \`${name}\` | ${typeOf(prop)} | ${required} | ${def} | ${(prop.description ?? '').replace(/\|/g, '\\|')} |`);
    if (prop.properties) out.push(...rows(prop, `${name}.`));
  }
  return out;
}

function table(schema: z.ZodMiniType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return ['| 字段 | 类型 | 必填 | 默认 | 说明 |', '| --- | --- | --- | --- | --- |', ...rows(json)].join('\n');
}

const HEADER = '<!-- 本文件由 `npm run docs` 从 src/ 中的 schema 生成，请勿手改。 -->\n\n';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');

/** The list of confusable words with the published source of each pair (docs/rules.md). */
function confusablesSection(): string {
  const rows = CONFUSABLES.map((c) => `| ${c.wrong} | ${c.right} | ${SOURCES[c.source].zh} |`);
  const contextual = LEXICON.map(([re, right, why]) => `| ${cell(re.source)} | ${right} | ${cell(why)}（bulletin 原有词表，依上下文判断） |`);
  return `### 易混字词表（\`word-confusable\`）\n\n共 ${CONFUSABLES.length} 对按词界（Intl.Segmenter 分词）查找，写法在更长的词语之中时不报；另有 ${LEXICON.length} 条依上下文判断。每一对注明出处。\n\n| 误写 | 应为 | 出处 |\n| --- | --- | --- |\n${[...rows, ...contextual].join('\n')}\n`;
}

/** docs/rules.md: every rule bulletin can report, from the catalogue (src/catalogue.ts). */
function rulesPage(): string {
  const rules = allRules();
  const groups = [...new Set(rules.map((r) => r.group))];
  const sections = groups.map((group) => {
    const lint = LINT_RULES.some((r) => r.group === group);
    const rows = rules.filter((r) => r.group === group).map((r) => {
      const severity = SEVERITY_LABELS.zh[r.severity];
      if (!lint) return `| \`${r.id}\` | ${severity} | ${cell(r.message.zh(r.sample ?? {}))} | ${cell(r.hint.zh(r.sample ?? {}))} |`;
      const own = lintRule(r.id)!;
      const { fix: _fix, ...sample } = own.sample as { fix?: string };
      // Whether --fix can rewrite it: the rule's own wrong example says.
      const fixable = findingsOn(own, own.example.wrong).some((m) => m.expected?.length);
      const shown = 'optIn' in own && own.optIn ? '关闭（可打开）' : severity;
      return `| \`${r.id}\` | ${shown} | ${cell(own.hint.zh(sample as never))} | ${cell(own.example.wrong)} | ${cell(own.example.right)} | ${fixable ? '是' : '否'} |`;
    });
    const head = lint
      ? '| 规则 | 默认 | 说明 | 错误示例 | 正确示例 | --fix |\n| --- | --- | --- | --- | --- | --- |'
      : '| 规则 | 默认 | 消息示例 | 提示 |\n| --- | --- | --- | --- |';
    return `## ${GROUP_TITLES[group].zh}\n\n${head}\n${rows.join('\n')}\n${group === '用词' ? `\n${confusablesSection()}` : ''}`;
  });
  return `${HEADER}# 规则\n\nbulletin 报告的每个问题都有一条规则：规则名（\`--json\` 输出中的 \`ruleId\`）、默认严重程度、消息和提示。消息指明文件、行和列；“错误”阻止生成，“警告”不阻止。\n\n校对规则（标点、序次语、数字与日期、用词、未完成）依据 GB/T 15834-2011《标点符号用法》、GB/T 15835-2011《出版物上数字用法》和公文编辑惯例，其严重程度可在 bulletin.config.yaml 中修改、关闭或打开（默认关闭的规则写上严重程度即打开）：\n\n\`\`\`yaml\nrules:\n  word-relative-time: warning\n  typo-halfwidth-punct: error\n  typo-dunhao-quoted: \"off\"\n\`\`\`\n\n\`--draft\` 时【待补】只警告；\`bulletin check --fix\` 自动改正“--fix”一栏为“是”的问题，反复改正直到没有可改的为止（一次运行即收敛）。\n\n${sections.join('\n')}`;
}

/** docs/front-matter.md, docs/config.md and docs/errors.md, generated from the schemas and the error catalogue. */
export function schemaDocs(): Record<string, string> {
  return {
    'docs/front-matter.md': `${HEADER}# 源文件前置信息（front matter）\n\n源文件以 \`---\` 行开始和结束的 YAML 块开头；只接受 YAML（\`---js\` 等可执行格式一律拒绝），未知字段是错误。\n\n${table(frontMatterSchema, 'input')}\n`,
    'docs/config.md': `${HEADER}# 配置文件 bulletin.config.yaml\n\n放在项目根目录，所有字段都可省略；没有配置文件时使用江西应急管理简报预设。\n\n${table(configSchema, 'input')}\n`,
    'docs/rules.md': rulesPage(),
    'docs/errors.md': `${HEADER}# 错误目录（与源文件位置无关的错误）\n\n| 名称 | 标题 | 提示 |\n| --- | --- | --- |\n${Object.entries(catalogue)
      .map(([name, e]) => `| ${name} | ${e.title.zh} | ${e.hint.zh.replace(/\|/g, '\\|')} |`)
      .join('\n')}\n`,
  };
}
