/**
 * The one catalogue of source rules: every problem a user can cause in a source or config file.
 * Each rule has a stable id (used in `--json`, in `rules:` of the config and in docs/rules.md),
 * a default severity, a message and a hint in Simplified Chinese and English, computed from
 * the rule's arguments, and where useful a wrong/right example for the docs.
 *
 * `report(file, rule, args, at)` (report.ts) is the only way a message is recorded; it keeps the
 * rule id and arguments on the message so the CLI can print it in either language.
 */
import type { Severity } from './report.js';
import type { Detail } from './errors.js';

export type Lang = 'zh' | 'en';
type Text<A> = (args: A) => string;

/** The arguments of a rule whose message takes none. */
export type NoArgs = Record<string, never>;

export interface Rule<A = NoArgs, Id extends string = string> {
  /** The rule's id: a literal type, so the ids form a union (see RuleId in catalogue.ts). */
  id: Id;
  severity: Severity;
  /** Section of docs/rules.md. */
  group: Group;
  message: Record<Lang, Text<A>>;
  hint: Record<Lang, Text<A>>;
  example?: { wrong: string; right: string };
  /** Arguments that show the message in the docs (and in the catalogue's own test). */
  sample?: A;
}

/** A rule of any arguments, as listed in the catalogue. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, string>;

export type Group = 'source' | 'front-matter' | 'config' | 'body' | 'assets' | 'numbering' | 'output' | 'import' | '标点' | '序次语' | '数字与日期' | '用词' | '未完成';

export const GROUP_TITLES: Record<Group, Record<Lang, string>> = {
  source: { zh: '源文件', en: 'Source files' },
  'front-matter': { zh: '前置信息', en: 'Front matter' },
  config: { zh: '配置文件', en: 'Configuration' },
  body: { zh: '正文结构', en: 'Body structure' },
  assets: { zh: '图片、链接与字体', en: 'Images, links and fonts' },
  numbering: { zh: '期号', en: 'Numbering' },
  output: { zh: '生成', en: 'Output' },
  import: { zh: '导入', en: 'Import' },
  标点: { zh: '标点', en: 'Punctuation' },
  序次语: { zh: '序次语', en: 'Ordinals' },
  数字与日期: { zh: '数字与日期', en: 'Numbers and dates' },
  用词: { zh: '用词', en: 'Wording' },
  未完成: { zh: '未完成', en: 'Unfinished' },
};

/**
 * A rule, its id kept as a literal type: `rule({ id: 'x', … })` for a rule without arguments,
 * `rule<{ n: number }>()({ id: 'y', … })` for one with typed arguments. `same` makes a text that
 * does not depend on them.
 */
export function rule<A>(): <const Id extends string>(spec: Rule<A, Id>) => Rule<A, Id>;
export function rule<const Id extends string>(spec: Rule<NoArgs, Id>): Rule<NoArgs, Id>;
export function rule(spec?: AnyRule): AnyRule | ((spec: AnyRule) => AnyRule) {
  return spec ?? ((s: AnyRule) => s);
}
export const same = <A>(zh: string, en: string): Record<Lang, Text<A>> => ({ zh: () => zh, en: () => en });

// ——— Source files ———

export const sourceUnreadable = rule<{ detail: string; zhDetail: string }>()({
  id: 'source-unreadable',
  severity: 'error',
  group: 'source',
  sample: { detail: 'permission denied', zhDetail: '没有读取权限' },
  message: { zh: (a) => `无法读取源文件：${a.zhDetail}`, en: (a) => `Cannot read the source file: ${a.detail}` },
  hint: same('检查文件是否存在以及读取权限。', 'Check that the file exists and can be read.'),
});
export const sourceIsDirectory = rule({
  id: 'source-is-directory',
  severity: 'error',
  group: 'source',
  message: same('这是一个目录，不是源文件', 'This is a folder, not a source file'),
  hint: same('目录名不要以 .md 结尾，或写出目录中的源文件。', 'Do not end folder names in .md, or name the source files inside it.'),
});
export const sourceTooLarge = rule<{ mb: string; limit: number }>()({
  id: 'source-too-large',
  severity: 'error',
  group: 'source',
  sample: { mb: '12.0', limit: 1 },
  message: { zh: (a) => `源文件过大（${a.mb} MB，上限 ${a.limit} MB）`, en: (a) => `The source file is too large (${a.mb} MB; the limit is ${a.limit} MB)` },
  hint: same(
    '一期简报的源文件通常不到 100 KB；检查是否选错了文件，或把内容拆成多期。',
    'An issue is usually under 100 KB; check that this is the right file, or split it into several issues.',
  ),
});
export const sourceNotAFile = rule<{ kind: 'fifo' | 'device' | 'socket' | 'other' }>()({
  id: 'source-not-a-file',
  severity: 'error',
  group: 'source',
  sample: { kind: 'fifo' },
  message: {
    zh: (a) => `这不是普通文件（${{ fifo: '命名管道', device: '设备文件', socket: '套接字', other: '特殊文件' }[a.kind]}），不读取`,
    en: (a) => `This is not a regular file (${{ fifo: 'a named pipe', device: 'a device', socket: 'a socket', other: 'a special file' }[a.kind]}); it is not read`,
  },
  hint: same('源文件须是普通文件；删除它，或换成其内容的副本。', 'A source must be a regular file; remove it, or replace it with a copy of its contents.'),
});
export const sourceOutsideProject = rule({
  id: 'source-outside-project',
  severity: 'error',
  group: 'source',
  message: same('源文件是指向项目之外的链接，不读取', 'The source is a link to a file outside the project; it is not read'),
  hint: same(
    '把文件本身放进项目；要构建项目之外的文件，在命令行上写出它的路径。',
    'Put the file itself into the project; to build a file outside the project, name it on the command line.',
  ),
});
export const sourceBinary = rule<{ offset: number }>()({
  id: 'source-binary',
  severity: 'error',
  group: 'source',
  sample: { offset: 1024 },
  message: {
    zh: (a) => `源文件含有二进制内容（第 ${a.offset} 字节处有控制字符），不是文本`,
    en: (a) => `The source file holds binary content (a control character at byte ${a.offset}); it is not text`,
  },
  hint: same('确认选的是 Markdown 文本文件；从 Word 复制的内容请先另存为纯文本。', 'Pick the Markdown text file; save text from Word as plain text first.'),
});
export const sourceEncoding = rule({
  id: 'source-encoding',
  severity: 'error',
  group: 'source',
  message: same('无法判断源文件的编码', 'The encoding of the source file cannot be told'),
  hint: same('请把文件另存为 UTF-8 编码后再试。', 'Save the file as UTF-8 and try again.'),
});
export const sourceEncodingLegacy = rule<{ zhName: string; name: string }>()({
  id: 'source-encoding-legacy',
  severity: 'warning',
  group: 'source',
  sample: { zhName: 'GB18030（GBK）', name: 'GB18030' },
  message: { zh: (a) => `源文件的编码是 ${a.zhName}，已按此读取`, en: (a) => `The source file is encoded in ${a.name}; it was read as such` },
  hint: same('建议把源文件另存为 UTF-8。', 'Save the source file as UTF-8.'),
});
export const sourceEmpty = rule({
  id: 'source-empty',
  severity: 'error',
  group: 'source',
  message: same('源文件是空的', 'The source file is empty'),
  hint: same('用 `bulletin new` 新建一期，得到一份带前置信息的模板。', 'Run `bulletin new` to start an issue from a template with front matter.'),
});
export const sourceReservedOutput = rule<{ output: string; page: string; zhPage: string }>()({
  id: 'source-reserved-output',
  severity: 'error',
  group: 'source',
  sample: { output: 'index.html', page: 'the listing of every issue (index.html)', zhPage: '全部各期的列表页 index.html' },
  message: {
    zh: (a) => `这个源文件的输出 ${a.output} 会与 bulletin 生成的${a.zhPage}同名，未构建`,
    en: (a) => `This source's output ${a.output} would take the name of ${a.page}, which bulletin writes; it was not built`,
  },
  hint: same(
    'index、feed、manifest 以及 series/、assets/ 下的名字留给 bulletin 生成的页面：给源文件改个名字，或放进别的子目录（如 bulletins/2021/）。',
    'index, feed, manifest and the names under series/ and assets/ are kept for the pages bulletin writes: rename the source, or move it into another folder (such as bulletins/2021/).',
  ),
  example: { wrong: 'bulletins/index.md', right: 'bulletins/2021/064.md' },
});
export const internalError = rule<{ detail: Detail }>()({
  id: 'internal-error',
  severity: 'error',
  group: 'source',
  sample: { detail: 'Cannot read properties of undefined' },
  message: { zh: (a) => `处理源文件时出现内部错误：${a.detail}`, en: (a) => `Internal error while processing the source: ${a.detail}` },
  hint: same(
    '这是 bulletin 的缺陷：请附上源文件报告问题；用 --verbose 查看调用栈。',
    'This is a defect in bulletin: please report it with the source file; --verbose shows the stack trace.',
  ),
});

// ——— Front matter: the frame ———

export const frontMatterMissing = rule({
  id: 'front-matter-missing',
  severity: 'error',
  group: 'front-matter',
  message: same('源文件开头缺少前置信息（---）', 'The source does not start with front matter (---)'),
  hint: same(
    '第一行写 ---，接着写 issue、total、date 等字段，再用一行 --- 结束。',
    'Write --- on the first line, then the fields issue, total, date …, and close with a line ---.',
  ),
  example: { wrong: '# 标题', right: '---\nissue: 64\n…\n---\n\n# 标题' },
});
export const frontMatterEngine = rule<{ language: string }>()({
  id: 'front-matter-engine',
  severity: 'error',
  group: 'front-matter',
  sample: { language: 'js' },
  message: {
    zh: (a) => `不允许的前置信息格式“---${a.language}”：只接受 YAML`,
    en: (a) => `Front matter format "---${a.language}" is not allowed: only YAML is accepted`,
  },
  hint: same(
    '把第一行改成只有 ---，前置信息用 YAML 书写；可执行的格式（如 ---js）一律拒绝。',
    'Make the first line just ---, and write the front matter in YAML; executable formats (such as ---js) are always refused.',
  ),
  example: { wrong: '---js', right: '---' },
});
export const frontMatterSyntax = rule({
  id: 'front-matter-syntax',
  severity: 'error',
  group: 'front-matter',
  message: same('前置信息的第一行只能是 ---', 'The first line of the front matter must be just ---'),
  hint: same('删除 --- 后面的文字。', 'Delete the text after ---.'),
});
export const frontMatterUnclosed = rule({
  id: 'front-matter-unclosed',
  severity: 'error',
  group: 'front-matter',
  message: same('前置信息没有结束的 --- 行', 'The front matter has no closing --- line'),
  hint: same('在前置信息的最后一个字段下面加一行 ---。', 'Add a line --- below the last field of the front matter.'),
});
export const frontMatterNotAMap = rule({
  id: 'front-matter-not-a-map',
  severity: 'error',
  group: 'front-matter',
  message: same('前置信息应为“字段: 值”的键值表', 'The front matter must be a map of "field: value" lines'),
  hint: same('按“issue: 64”这样的格式逐行书写字段。', 'Write one field per line, like "issue: 64".'),
});
export const frontMatterTooLong = rule<{ key: string; chars: number; limit: number }>()({
  id: 'front-matter-too-long',
  severity: 'error',
  group: 'front-matter',
  sample: { key: 'title', chars: 300000, limit: 200 },
  message: { zh: (a) => `${a.key} 过长（${a.chars} 个字符，上限 ${a.limit}）`, en: (a) => `${a.key} is too long (${a.chars} characters; the limit is ${a.limit})` },
  hint: same('报头、编发单位、标识和专刊名各印成一行；检查是否把正文写进了前置信息。', 'The masthead title, publisher, marker and series name are printed on one line each; check that no body text went into the front matter.'),
});
export const frontMatterTotalLtIssue = rule<{ total: number; issue: number }>()({
  id: 'front-matter-total-lt-issue',
  severity: 'error',
  group: 'front-matter',
  sample: { total: 64, issue: 150 },
  message: {
    zh: (a) => `总期号 total（${a.total}）小于期号 issue（${a.issue}）`,
    en: (a) => `The running number total (${a.total}) is smaller than the issue number (${a.issue})`,
  },
  hint: same(
    '总期号从创刊起累计，不会小于当年的期号；检查两个数字是否写反。',
    'total counts from the first issue ever and cannot be smaller than the year\'s issue number; check whether the two are swapped.',
  ),
  example: { wrong: 'issue: 150\ntotal: 64', right: 'issue: 64\ntotal: 150' },
});

// ——— YAML, for the front matter and the config alike ———

const TYPE_NAMES: Record<string, Record<Lang, string>> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是/否（true/false）', en: 'true or false' },
  object: { zh: '键值表', en: 'a map' },
  array: { zh: '列表', en: 'a list' },
  record: { zh: '键值表', en: 'a map' },
  null: { zh: '空值', en: 'empty' },
  undefined: { zh: '空值', en: 'empty' },
  'string-or-list': { zh: '文字或文字列表', en: 'text or a list of text' },
};
export const typeName = (type: string, lang: Lang): string => TYPE_NAMES[type]?.[lang] ?? type;

/** Chinese for the YAML parser's commonest error codes; its English detail follows in brackets. */
const YAML_ERRORS: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY: '“键: 值”须写在同一行，冒号后要有空格',
  BAD_INDENT: '缩进不对',
  MISSING_CHAR: '缺少配对的引号或括号',
  BLOCK_AS_IMPLICIT_KEY: '字段名不能跨行',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  BAD_SCALAR_START: '值不能以这个符号开头（如 @、`、%），请加引号',
  MULTIPLE_DOCS: '前置信息里只能有一段 YAML',
  IMPOSSIBLE: '无法解析这段 YAML',
};

function yamlRules(prefix: 'front-matter' | 'config') {
  const group = prefix;
  const where = { zh: prefix === 'config' ? '配置文件' : '开头的 --- 之间', en: prefix === 'config' ? 'the config file' : 'the front matter' };
  return {
    unclosed: rule<{ bracket: string }>()({
      id: `${prefix}-yaml-unclosed`,
      severity: 'error',
      group,
      sample: { bracket: '[' },
      message: { zh: (a) => `YAML 语法错误：“${a.bracket}”没有闭合`, en: (a) => `YAML syntax error: "${a.bracket}" is never closed` },
      hint: {
        zh: (a) => `在这一行的值后面补上“${a.bracket === '[' ? ']' : '}'}”；若“${a.bracket}”是文字的一部分，给整个值加引号。`,
        en: (a) => `Add "${a.bracket === '[' ? ']' : '}'}" after the value on this line; if "${a.bracket}" is part of the text, quote the whole value.`,
      },
      example: { wrong: 'total: [150', right: 'total: 150' },
    }),
    syntax: rule<{ code: string; detail: string }>()({
      id: `${prefix}-yaml-syntax`,
      severity: 'error',
      group,
      sample: { code: 'BAD_INDENT', detail: 'All mapping items must start at the same column' },
      message: {
        zh: (a) => (YAML_ERRORS[a.code] ? `YAML 语法错误：${YAML_ERRORS[a.code]}（${a.detail}）` : `YAML 语法错误：${a.detail}`),
        en: (a) => `YAML syntax error: ${a.detail}`,
      },
      hint: same(
        '检查冒号、缩进和引号；字段写成“键: 值”，冒号后留一个空格。',
        'Check colons, indentation and quotes; write each field as "key: value" with a space after the colon.',
      ),
      example: { wrong: 'issue:64', right: 'issue: 64' },
    }),
    duplicateKey: rule<{ key: string }>()({
      id: `${prefix}-duplicate-key`,
      severity: 'error',
      group,
      sample: { key: 'issue' },
      message: { zh: (a) => (a.key ? `字段“${a.key}”重复出现` : '字段重复出现'), en: (a) => (a.key ? `The field "${a.key}" appears twice` : 'A field appears twice') },
      hint: same('每个字段只能写一次；删除多余的一行。', 'Each field may be written once; delete the extra line.'),
      example: { wrong: 'issue: 64\nissue: 65', right: 'issue: 64' },
    }),
    tab: rule({
      id: `${prefix}-yaml-tab`,
      severity: 'error',
      group,
      message: same('YAML 中不能用制表符（Tab）缩进', 'YAML cannot be indented with tabs'),
      hint: same('把行首的 Tab 换成空格。', 'Replace the tabs at the start of the line with spaces.'),
    }),
    tag: rule<{ tag: string }>()({
      id: `${prefix}-yaml-tag`,
      severity: 'error',
      group,
      sample: { tag: '!!js/function' },
      message: { zh: (a) => `不允许使用 YAML 标签“${a.tag}”`, en: (a) => `YAML tags such as "${a.tag}" are not allowed` },
      hint: same(
        '去掉以 ! 开头的标签；只能写普通的文字、数字、列表和键值表。',
        'Remove the tag starting with !; only plain text, numbers, lists and maps are allowed.',
      ),
      example: { wrong: 'title: !!js/function …', right: 'title: 江西应急管理简报' },
    }),
    complexKey: rule({
      id: `${prefix}-yaml-complex-key`,
      severity: 'error',
      group,
      message: same('字段名只能是文字', 'Field names must be plain text'),
      hint: same('删除以 ? 开头或用列表、键值表作字段名的写法。', 'Remove keys written with ? or made of lists or maps.'),
    }),
    alias: rule({
      id: `${prefix}-yaml-alias`,
      severity: 'error',
      group,
      message: same('不允许使用 YAML 别名（*name）', 'YAML aliases (*name) are not allowed'),
      hint: same('把引用的内容直接写出来。', 'Write the referenced value out in full.'),
    }),
    unknownKey: rule<{ field: string; guess?: string; allowed: string[] }>()({
      id: `${prefix}-unknown-key`,
      severity: 'error',
      group,
      sample: { field: 'isue', guess: 'issue', allowed: ['issue', 'total', 'date'] },
      message: { zh: (a) => `未知的字段“${a.field}”`, en: (a) => `Unknown field "${a.field}"` },
      hint: {
        zh: (a) => `${a.guess ? `是不是“${a.guess}”？` : ''}允许的字段：${a.allowed.join('、')}`,
        en: (a) => `${a.guess ? `Did you mean "${a.guess}"? ` : ''}Allowed fields: ${a.allowed.join(', ')}`,
      },
      example: { wrong: 'isue: 64', right: 'issue: 64' },
    }),
    missingKey: rule<{ field: string; parent?: string; key: string }>()({
      id: `${prefix}-missing-key`,
      severity: 'error',
      group,
      sample: { field: 'date', key: 'date' },
      message: { zh: (a) => `缺少必填字段“${a.field}”`, en: (a) => `The required field "${a.field}" is missing` },
      hint: {
        zh: (a) => (a.parent ? `在“${a.parent}”下补上“${a.key}”。` : `在${where.zh}补上“${a.field}: …”一行。`),
        en: (a) => (a.parent ? `Add "${a.key}" under "${a.parent}".` : `Add a line "${a.field}: …" to ${where.en}.`),
      },
    }),
    wrongType: rule<{ field: string; expected: string; actual: string; value: string }>()({
      id: `${prefix}-wrong-type`,
      severity: 'error',
      group,
      sample: { field: 'issue', expected: 'int', actual: 'string', value: '64' },
      message: {
        zh: (a) => `字段“${a.field}”应为${typeName(a.expected, 'zh')}，实际是${typeName(a.actual, 'zh')}“${a.value}”`,
        en: (a) => `The field "${a.field}" must be ${typeName(a.expected, 'en')}, not ${typeName(a.actual, 'en')} "${a.value}"`,
      },
      hint: {
        zh: (a) => (a.expected === 'int' ? '写成不带引号和小数点的正整数，如 64。' : `把“${a.field}”的值改为${typeName(a.expected, 'zh')}。`),
        en: (a) => (a.expected === 'int' ? 'Write a whole number without quotes or a decimal point, such as 64.' : `Make the value of "${a.field}" ${typeName(a.expected, 'en')}.`),
      },
      example: { wrong: 'issue: "64"', right: 'issue: 64' },
    }),
    tooSmall: rule<{ field: string; min: string; value?: number }>()({
      id: `${prefix}-too-small`,
      severity: 'error',
      group,
      sample: { field: 'issue', min: '1', value: 0 },
      message: {
        zh: (a) => (a.value !== undefined ? `字段“${a.field}”应不小于 ${a.min}，实际是 ${a.value}` : `字段“${a.field}”不能为空`),
        en: (a) => (a.value !== undefined ? `The field "${a.field}" must be at least ${a.min}, not ${a.value}` : `The field "${a.field}" cannot be empty`),
      },
      hint: {
        zh: (a) => (a.value !== undefined ? `改为不小于 ${a.min} 的整数。` : `填写“${a.field}”的内容，或删除这一行。`),
        en: (a) => (a.value !== undefined ? `Use a whole number of at least ${a.min}.` : `Fill in "${a.field}", or delete the line.`),
      },
      example: { wrong: 'issue: 0', right: 'issue: 1' },
    }),
    tooBig: rule<{ field: string; value: string }>()({
      id: `${prefix}-too-big`,
      severity: 'error',
      group,
      sample: { field: 'issue', value: '99999999999' },
      message: { zh: (a) => `字段“${a.field}”的值过大：${a.value}`, en: (a) => `The value of "${a.field}" is too large: ${a.value}` },
      hint: same('检查这个值。', 'Check this value.'),
    }),
    invalidValue: rule<{ field: string; value: string; options: string[] }>()({
      id: `${prefix}-invalid-value`,
      severity: 'error',
      group,
      sample: { field: 'numbering.reset', value: 'monthly', options: ['yearly', 'never'] },
      message: { zh: (a) => `字段“${a.field}”的值“${a.value}”无效`, en: (a) => `"${a.value}" is not a valid value of "${a.field}"` },
      hint: { zh: (a) => `可选值：${a.options.join('、')}`, en: (a) => `Allowed values: ${a.options.join(', ')}` },
    }),
    invalidDate: rule<{ field: string; value: string }>()({
      id: `${prefix}-invalid-date`,
      severity: 'error',
      group,
      sample: { field: 'date', value: '2021-02-30' },
      message: { zh: (a) => `字段“${a.field}”不是有效日期：“${a.value}”`, en: (a) => `The field "${a.field}" is not a valid date: "${a.value}"` },
      hint: same(
        '日期写成 YYYY-MM-DD，如 2021-06-25，且须是日历上存在的日子（1900 年以后）。',
        'Write dates as YYYY-MM-DD, such as 2021-06-25, and use a day that exists in the calendar (from 1900 on).',
      ),
      example: { wrong: 'date: 2021-02-30', right: 'date: 2021-02-28' },
    }),
    invalid: rule<{ field: string; detail: string }>()({
      id: `${prefix}-invalid`,
      severity: 'error',
      group,
      sample: { field: 'title', detail: 'Invalid input' },
      message: { zh: (a) => `字段“${a.field}”无效：${a.detail}`, en: (a) => `The field "${a.field}" is not valid: ${a.detail}` },
      hint: same('按说明修改这个字段。', 'Correct the field as described.'),
    }),
  };
}
export type YamlRules = ReturnType<typeof yamlRules>;
export const frontMatterYaml = yamlRules('front-matter');
export const configYaml = yamlRules('config');

// ——— Config ———

export const configUnreadable = rule<{ detail: string; zhDetail: string }>()({
  id: 'config-unreadable',
  severity: 'error',
  group: 'config',
  sample: { detail: 'permission denied', zhDetail: '没有读取权限' },
  message: { zh: (a) => `无法读取配置文件：${a.zhDetail}`, en: (a) => `Cannot read the config file: ${a.detail}` },
  hint: same('检查文件的读取权限。', 'Check that the file can be read.'),
});
export const configUnknownRule = rule<{ id: string; guess?: string }>()({
  id: 'config-unknown-rule',
  severity: 'error',
  group: 'config',
  sample: { id: 'word-confusible', guess: 'word-confusable' },
  message: { zh: (a) => `没有名为“${a.id}”的规则`, en: (a) => `There is no rule named "${a.id}"` },
  hint: {
    zh: (a) => `${a.guess ? `是不是“${a.guess}”？` : ''}规则见 docs/rules.md。`,
    en: (a) => `${a.guess ? `Did you mean "${a.guess}"? ` : ''}The rules are listed in docs/rules.md.`,
  },
  example: { wrong: 'rules:\n  word-confusible: "off"', right: 'rules:\n  word-confusable: "off"' },
});

export const configFontOutside = rule<{ file: string }>()({
  id: 'config-font-outside',
  severity: 'error',
  group: 'config',
  sample: { file: '../fonts/kai.ttf' },
  message: { zh: (a) => `字体文件在项目目录之外：${a.file}`, en: (a) => `The font file is outside the project: ${a.file}` },
  hint: same('把字体文件放进项目（如 fonts/），用相对路径引用。', 'Put the font file into the project (such as fonts/) and name it by a relative path.'),
});
export const configBrowserInside = rule<{ file: string }>()({
  id: 'config-browser-inside',
  severity: 'error',
  group: 'config',
  sample: { file: './tools/chrome.sh' },
  message: {
    zh: (a) => `browser.executablePath 须是项目之外的绝对路径，不运行：${a.file}`,
    en: (a) => `browser.executablePath must be an absolute path outside the project; it is not run: ${a.file}`,
  },
  hint: same(
    '项目中的文件是数据，不能作为程序运行；写本机浏览器的绝对路径，或用命令行 --browser、环境变量 PUPPETEER_EXECUTABLE_PATH 指定（见 docs/security.md）。',
    'A project\'s files are data and are never run as programs; give the absolute path of the browser installed on this machine, or use --browser or PUPPETEER_EXECUTABLE_PATH (see docs/security.md).',
  ),
});
export const configFontMissing = rule<{ file: string }>()({
  id: 'config-font-missing',
  severity: 'error',
  group: 'config',
  sample: { file: 'fonts/kai.ttf' },
  message: { zh: (a) => `找不到字体文件：${a.file}`, en: (a) => `Font file not found: ${a.file}` },
  hint: same('检查路径（相对于项目根目录）和文件名。', 'Check the path (relative to the project root) and the file name.'),
});
export const configFontType = rule<{ file: string }>()({
  id: 'config-font-type',
  severity: 'error',
  group: 'config',
  sample: { file: 'fonts/kai.ttc' },
  message: { zh: (a) => `不支持的字体文件：${a.file}`, en: (a) => `Unsupported font file: ${a.file}` },
  hint: same('使用 .ttf、.otf、.woff 或 .woff2 字体文件。', 'Use a .ttf, .otf, .woff or .woff2 font file.'),
});
export const configFontCff = rule<{ file: string }>()({
  id: 'config-font-cff',
  severity: 'warning',
  group: 'config',
  sample: { file: 'fonts/kai.otf' },
  message: {
    zh: (a) => `字体 ${a.file} 是 CFF（PostScript）轮廓，Chromium 会把它嵌入为 Type 3 字体`,
    en: (a) => `The font ${a.file} has CFF (PostScript) outlines, which Chromium embeds as a Type 3 font`,
  },
  hint: same(
    '换用 TrueType 轮廓的版本（.ttf，或 glyf 轮廓的 .woff2），印刷厂和存档要求 TrueType/CID 字体。',
    'Use a version with TrueType outlines (.ttf, or a .woff2 with glyf outlines); print shops and archives require TrueType/CID fonts.',
  ),
});
export const configFontSystem = rule<{ family: string }>()({
  id: 'config-font-system',
  severity: 'error',
  group: 'config',
  sample: { family: '方正小标宋简体' },
  message: {
    zh: (a) => `字体族名“${a.family}”需要系统字体，但未允许使用系统字体`,
    en: (a) => `The font family "${a.family}" needs system fonts, which are not allowed`,
  },
  hint: same('在 fonts 下加 system: true，或改用项目内的字体文件（file）。', 'Add system: true under fonts, or use a font file in the project (file).'),
});

// ——— Body structure ———

/** `prefix`: markers counted at the start of a line before parsing; otherwise nesting found in the tree. */
export const bodyTooDeep = rule<{ prefix?: number; limit: number }>()({
  id: 'body-too-deep',
  severity: 'error',
  group: 'body',
  sample: { prefix: 40, limit: 32 },
  message: {
    zh: (a) => (a.prefix !== undefined ? `嵌套或缩进过深（行首有 ${a.prefix} 个缩进、引用或列表标记，上限 ${a.limit}）` : `引用或列表嵌套过深（超过 ${a.limit} 层）`),
    en: (a) =>
      a.prefix !== undefined
        ? `Nesting or indentation too deep (${a.prefix} indents, quote or list markers at the start of the line; the limit is ${a.limit})`
        : `Quotes or lists nested too deep (more than ${a.limit} levels)`,
  },
  hint: {
    zh: (a) => (a.prefix !== undefined ? '简报正文不需要多层嵌套；去掉多余的 >、列表标记或行首空格。' : '简报正文不需要多层嵌套；去掉多余的 > 或列表缩进。'),
    en: () => 'A bulletin needs no deep nesting; remove the extra >, list markers or leading spaces.',
  },
});
export const tableTooWide = rule<{ pipes: number; limit: number }>()({
  id: 'table-too-wide',
  severity: 'error',
  group: 'body',
  sample: { pipes: 120, limit: 100 },
  message: {
    zh: (a) => `表格列数过多（一行有 ${a.pipes} 个“|”，上限 ${a.limit}）`,
    en: (a) => `Too many table columns (${a.pipes} "|" on one line; the limit is ${a.limit})`,
  },
  hint: same('把过宽的表格拆开，或改用文字叙述。', 'Split the wide table, or describe it in text.'),
});
export const headingTooLong = rule<{ chars: number; limit: number }>()({
  id: 'heading-too-long',
  severity: 'error',
  group: 'body',
  sample: { chars: 30000, limit: 200 },
  message: { zh: (a) => `标题过长（${a.chars} 个字符，上限 ${a.limit}）`, en: (a) => `The heading is too long (${a.chars} characters; the limit is ${a.limit})` },
  hint: same('标题一般不超过 60 个字；检查是否漏了换行，使正文连到了标题行上。', 'A title is rarely over 60 characters; check for a missing line break that joined body text to the heading.'),
});
export const inlineTooComplex = rule<{ limit: number; scope: 'paragraph' | 'body' }>()({
  id: 'inline-too-complex',
  severity: 'error',
  group: 'body',
  sample: { limit: 200, scope: 'paragraph' },
  message: {
    zh: (a) => `${a.scope === 'paragraph' ? '这一段' : '正文'}中的 *、_、~、< 和方括号过多（超过 ${a.limit} 个）`,
    en: (a) => `Too many *, _, ~, < and square brackets in ${a.scope === 'paragraph' ? 'this paragraph' : 'the body'} (over ${a.limit})`,
  },
  hint: same(
    '简报正文很少用 *、_、~、< 和 [ ]；检查是否粘贴了代码或乱码，需要原样显示的符号可用反斜杠转义，如 \\*。',
    'A bulletin rarely uses *, _, ~, < or [ ]; check for pasted code or garbled text, and escape a mark meant literally with a backslash, such as \\*.',
  ),
});
export const bodyTooComplex = rule<{ limit: number }>()({
  id: 'body-too-complex',
  severity: 'error',
  group: 'body',
  sample: { limit: 2000 },
  message: { zh: (a) => `引用和列表过多（超过 ${a.limit} 行）`, en: (a) => `Too many quote and list lines (over ${a.limit})` },
  hint: same(
    '一期简报不会有这么多引用或列表项；检查是否选错了文件，或把内容拆成多期。',
    'No issue has that many quotes or list items; check that this is the right file, or split it into several issues.',
  ),
});
export const rawHtml = rule<{ html: string }>()({
  id: 'raw-html',
  severity: 'warning',
  group: 'body',
  sample: { html: '<font color=red>' },
  message: { zh: (a) => `不支持 HTML 标记，已忽略：${a.html}`, en: (a) => `HTML is not supported and was left out: ${a.html}` },
  hint: same('用 Markdown 书写：段落空一行，标题用 #，表格用 | 分隔。', 'Write Markdown: a blank line between paragraphs, # for titles, | for tables.'),
  example: { wrong: '<font color=red>通知</font>', right: '**通知**' },
});
export const headingDepth = rule<{ depth: number }>()({
  id: 'heading-depth',
  severity: 'warning',
  group: 'body',
  sample: { depth: 4 },
  message: { zh: (a) => `第 ${a.depth} 级标题按三级标题处理`, en: (a) => `A level-${a.depth} heading is set as a level-3 heading` },
  hint: same('简报正文只用 ## 和 ### 两级小标题。', 'A bulletin uses only ## and ### headings inside an article.'),
  example: { wrong: '#### （一）', right: '### （一）' },
});
export const articleTitleEmpty = rule({
  id: 'article-title-empty',
  severity: 'error',
  group: 'body',
  message: same('文章标题是空的', 'The article title is empty'),
  hint: same('在 # 后面写上标题。', 'Write the title after #.'),
});
export const tooManyArticles = rule<{ limit: number }>()({
  id: 'too-many-articles',
  severity: 'error',
  group: 'body',
  sample: { limit: 100 },
  message: {
    zh: (a) => `文章过多：超过 ${a.limit} 篇（每个“# 标题”开始一篇）`,
    en: (a) => `Too many articles: more than ${a.limit} (each "# title" starts one)`,
  },
  hint: same(
    '文章内的小标题用 ## 或 ###；检查是否误把正文行写成了 # 开头。',
    'Headings inside an article use ## or ###; check for body lines that start with # by mistake.',
  ),
});
export const bodyBeforeTitle = rule({
  id: 'body-before-title',
  severity: 'error',
  group: 'body',
  message: same('正文出现在第一篇文章标题之前', 'Body text comes before the first article title'),
  hint: same('每篇文章以一行“# 标题”开始；在这段文字前加上标题。', 'Every article starts with a line "# title"; add one before this text.'),
});
export const bodyNoArticle = rule({
  id: 'body-no-article',
  severity: 'error',
  group: 'body',
  message: same('正文里没有文章', 'The body holds no article'),
  hint: same('在前置信息之后写“# 标题”，再写正文段落。', 'After the front matter write "# title", then the paragraphs.'),
});

// ——— Images, links, glyphs ———

export const linkUnsafe = rule<{ url: string }>()({
  id: 'link-unsafe',
  severity: 'warning',
  group: 'assets',
  sample: { url: 'javascript:alert(1)' },
  message: { zh: (a) => `不允许的链接地址“${a.url}”，已只保留文字`, en: (a) => `The link "${a.url}" is not allowed; only its text was kept` },
  hint: same('链接只能是 http(s)、mailto 或项目内的相对路径。', 'Links may be http(s), mailto or a relative path inside the project.'),
  example: { wrong: '[点此](javascript:alert(1))', right: '[点此](https://yjt.jiangxi.gov.cn/)' },
});
export const linkMalformed = rule<{ url: string }>()({
  id: 'link-malformed',
  severity: 'warning',
  group: 'assets',
  sample: { url: 'a%zz.html' },
  message: { zh: (a) => `链接地址中的 % 编码有误“${a.url}”，已只保留文字`, en: (a) => `The link "${a.url}" has a broken % escape; only its text was kept` },
  hint: same('检查链接地址；% 后面应是两位十六进制数字。', 'Check the address; % must be followed by two hexadecimal digits.'),
});
export const linkOutside = rule<{ url: string }>()({
  id: 'link-outside',
  severity: 'warning',
  group: 'assets',
  sample: { url: '../../secret.md' },
  message: { zh: (a) => `链接指向项目之外“${a.url}”，已只保留文字`, en: (a) => `The link "${a.url}" points outside the project; only its text was kept` },
  hint: same('链接只能指向项目目录之内。', 'Relative links must stay inside the project folder.'),
});
export const imageNotRelative = rule<{ url: string }>()({
  id: 'image-not-relative',
  severity: 'error',
  group: 'assets',
  sample: { url: 'https://example.com/a.png' },
  message: { zh: (a) => `图片只能用项目内的相对路径：“${a.url}”`, en: (a) => `Images must be named by a relative path inside the project: "${a.url}"` },
  hint: same(
    '把图片放进项目目录（如 bulletins/2021/images/），用相对路径引用。',
    'Put the image into the project (such as bulletins/2021/images/) and name it by a relative path.',
  ),
  example: { wrong: '![](https://example.com/a.png)', right: '![](images/a.png)' },
});
export const imageOutsideProject = rule<{ url: string }>()({
  id: 'image-outside-project',
  severity: 'error',
  group: 'assets',
  sample: { url: '../../a.png' },
  message: { zh: (a) => `图片在项目目录之外：“${a.url}”`, en: (a) => `The image is outside the project: "${a.url}"` },
  hint: same('图片须放在项目目录之内（不能用 ../ 或指向外部的链接）。', 'Images must be inside the project folder (no ../ or links pointing outside).'),
});
export const imageTooLarge = rule<{ url: string; width: number; height: number; limit: number }>()({
  id: 'image-too-large',
  severity: 'error',
  group: 'assets',
  sample: { url: 'images/a.png', width: 30000, height: 30000, limit: 50 },
  message: {
    zh: (a) => `图片像素过多：“${a.url}”（${a.width} × ${a.height}，上限 ${a.limit} 百万像素）`,
    en: (a) => `The image has too many pixels: "${a.url}" (${a.width} × ${a.height}; the limit is ${a.limit} megapixels)`,
  },
  hint: same('浏览器无法解码这样大的图片；缩小到打印所需（版心宽 15.6 厘米，约 2000 像素宽已足够）。', 'The browser cannot decode an image that large; scale it down to what print needs (the text block is 15.6 cm wide: about 2000 pixels is plenty).'),
});
export const imageSvgUnsafe = rule<{ url: string; removed: string }>()({
  id: 'image-svg-unsafe',
  severity: 'warning',
  group: 'assets',
  sample: { url: 'images/chart.svg', removed: '<script> onload="alert(1)"' },
  message: {
    zh: (a) => `SVG 图片“${a.url}”中有脚本、事件或外部引用，发布时去掉：${a.removed}`,
    en: (a) => `The SVG "${a.url}" holds scripts, event handlers or external references, removed when published: ${a.removed}`,
  },
  hint: same('SVG 只保留图形（见 docs/security.md）；从作图软件重新导出为普通 SVG 或 PNG。', 'An SVG keeps only what it draws (see docs/security.md); export it again from the drawing program as a plain SVG, or as a PNG.'),
});
export const imageMissing = rule<{ url: string }>()({
  id: 'image-missing',
  severity: 'error',
  group: 'assets',
  sample: { url: 'images/a.png' },
  message: { zh: (a) => `找不到图片“${a.url}”`, en: (a) => `Image not found: "${a.url}"` },
  hint: same('检查图片路径（相对于源文件所在目录）和文件名的大小写。', 'Check the path (relative to the source file\'s folder) and the case of the file name.'),
});
export const imageType = rule<{ url: string }>()({
  id: 'image-type',
  severity: 'error',
  group: 'assets',
  sample: { url: 'images/a.bmp' },
  message: { zh: (a) => `不支持的图片格式：“${a.url}”`, en: (a) => `Unsupported image format: "${a.url}"` },
  hint: same('使用 PNG、JPEG、GIF、WebP 或 SVG 图片。', 'Use PNG, JPEG, GIF, WebP or SVG images.'),
});

const ROLE_NAMES: Record<string, Record<Lang, string>> = {
  title: { zh: '标题', en: 'title' },
  body: { zh: '正文', en: 'body' },
  kai: { zh: '楷体', en: 'kai' },
  hei: { zh: '黑体', en: 'hei' },
  figures: { zh: '页码', en: 'page-number' },
};
export const missingGlyph = rule<{ role: string; font: string; chars: string[]; count: number }>()({
  id: 'missing-glyph',
  severity: 'error',
  group: 'assets',
  sample: { role: 'title', font: 'Noto Serif SC', chars: ['𪚥'], count: 1 },
  message: {
    zh: (a) =>
      `${ROLE_NAMES[a.role]?.zh ?? a.role}字体 ${a.font} 中没有这些字：${a.chars.map((c) => `“${c}”（${codePoint(c)}${radical(c, (r) => `，部首字符${r ? `，应为“${r}”` : ''}`)}）`).join('、')}${a.count > a.chars.length ? ` 等 ${a.count} 个` : ''}`,
    en: (a) =>
      `The ${ROLE_NAMES[a.role]?.en ?? a.role} font ${a.font} lacks ${a.count > a.chars.length ? `${a.count} characters, among them ` : 'these characters: '}${a.chars.map((c) => `"${c}" (${codePoint(c)}${radical(c, (r) => `, a radical${r ? `, meant as "${r}"` : ''}`)})`).join(', ')}`,
  },
  hint: same(
    '换用常用字，或在配置 fonts 中为这一角色指定含这些字的字体文件；确需照印时可设 missingGlyph: warning（缺的字印作“〓”）。',
    'Use common characters, or give this role a font file that has them under fonts in the config; to print anyway set missingGlyph: warning (missing characters print as "〓").',
  ),
});
const codePoint = (c: string) => `U+${c.codePointAt(0)?.toString(16).toUpperCase()}`;
/**
 * A radical (U+2E80–U+2FDF: text extracted from PDFs is full of them, ⽣ for 生) is named as
 * such, with the ideograph it stands for where Unicode gives one (NFKC of a Kangxi radical).
 */
const radical = (c: string, say: (ideograph: string | undefined) => string): string => {
  const cp = c.codePointAt(0) ?? 0;
  if (cp < 0x2e80 || cp > 0x2fdf) return '';
  const n = c.normalize('NFKC');
  return say(n !== c ? n : undefined);
};

// ——— Numbering across the archive ———

/** An issue named in a numbering message. */
export interface IssueRef {
  path: string;
  issue: number;
  total: number;
  date: string;
}
const SAMPLE_REF: IssueRef = { path: 'bulletins/2021/064.md', issue: 64, total: 150, date: '2021-06-25' };
const ref = {
  zh: (e: IssueRef) => `${e.path}（第 ${e.issue} 期，总第 ${e.total} 期，${e.date}）`,
  en: (e: IssueRef) => `${e.path} (issue ${e.issue}, no. ${e.total}, ${e.date})`,
};
const GAP_HINT = same<unknown>(
  '如果缺少的期次不在本项目中（如尚未导入），可忽略此警告；否则补上源文件或改正编号。',
  'If the missing issues are not in this project (not imported yet, say), ignore this warning; otherwise add their sources or correct the number.',
);

export const numberingDuplicateTotal = rule<{ total: number; other: IssueRef }>()({
  id: 'numbering-duplicate-total',
  severity: 'error',
  group: 'numbering',
  sample: { total: 150, other: SAMPLE_REF },
  message: { zh: (a) => `总期号 ${a.total} 与 ${ref.zh(a.other)}重复`, en: (a) => `The running number ${a.total} is also used by ${ref.en(a.other)}` },
  hint: same(
    '总期号在全部期次中唯一，新一期是最大的总期号加 1（`bulletin new` 会自动编号）。',
    'The running number is unique across all issues; a new issue takes the largest plus 1 (`bulletin new` numbers it for you).',
  ),
});
export const numberingGapTotal = rule<{ from: number; fromPath: string; to: number }>()({
  id: 'numbering-gap-total',
  severity: 'warning',
  group: 'numbering',
  sample: { from: 148, fromPath: 'bulletins/2021/062.md', to: 150 },
  message: {
    zh: (a) => `总期号从 ${a.from}（${a.fromPath}）跳到 ${a.to}，中间缺少 ${a.to - a.from - 1} 期`,
    en: (a) => `The running number jumps from ${a.from} (${a.fromPath}) to ${a.to}; ${a.to - a.from - 1} issue(s) missing`,
  },
  hint: GAP_HINT,
});
export const numberingOrder = rule<{ what: 'date' | 'issue'; value: string; earlier: boolean; other: IssueRef }>()({
  id: 'numbering-order',
  severity: 'error',
  group: 'numbering',
  sample: { what: 'date', value: '2021-06-20', earlier: true, other: SAMPLE_REF },
  message: {
    zh: (a) =>
      a.what === 'date'
        ? `日期 ${a.value} ${a.earlier ? '早于总期号较小的' : '晚于总期号较大的'} ${ref.zh(a.other)}`
        : `期号 ${a.value} 小于总期号较小的 ${ref.zh(a.other)}`,
    en: (a) =>
      a.what === 'date'
        ? `The date ${a.value} is ${a.earlier ? 'earlier than that of' : 'later than that of'} ${ref.en(a.other)}, which has a ${a.earlier ? 'smaller' : 'larger'} running number`
        : `The issue number ${a.value} is smaller than that of ${ref.en(a.other)}, which has a smaller running number`,
  },
  hint: {
    zh: (a) => (a.what === 'date' ? '总期号随日期递增；检查本期或另一期的日期、总期号是否写错。' : '期号随总期号逐期加 1；检查本期或另一期的期号、总期号是否写错。'),
    en: (a) =>
      a.what === 'date'
        ? 'Running numbers rise with the date; check the date and running number of this issue and the other.'
        : 'Issue numbers rise by 1 with the running number; check the numbers of this issue and the other.',
  },
});
export const numberingDuplicateIssue = rule<{ year?: string; issue: number; other: IssueRef }>()({
  id: 'numbering-duplicate-issue',
  severity: 'error',
  group: 'numbering',
  sample: { year: '2021', issue: 64, other: SAMPLE_REF },
  message: {
    zh: (a) => `${a.year ? `${a.year} 年的` : ''}期号 ${a.issue} 与 ${ref.zh(a.other)}重复`,
    en: (a) => `The issue number ${a.issue}${a.year ? ` of ${a.year}` : ''} is also used by ${ref.en(a.other)}`,
  },
  hint: {
    zh: (a) => (a.year ? '同一年内期号唯一，并随总期号逐期加 1。' : '期号唯一，并随总期号逐期加 1（配置 numbering.reset: never）。'),
    en: (a) =>
      a.year
        ? 'Issue numbers are unique within a year and rise by 1 with the running number.'
        : 'Issue numbers are unique and rise by 1 with the running number (config numbering.reset: never).',
  },
});
export const numberingYearReset = rule<{ year: string; issue: number; reset: 'yearly' | 'never'; prev: IssueRef }>()({
  id: 'numbering-year-reset',
  severity: 'error',
  group: 'numbering',
  sample: { year: '2022', issue: 65, reset: 'yearly', prev: SAMPLE_REF },
  message: {
    zh: (a) =>
      a.reset === 'yearly'
        ? `${a.year} 年的首期应从第 1 期重新编号，却接着上一年的 ${ref.zh(a.prev)}编为第 ${a.issue} 期`
        : `期号在 ${a.year} 年重新从 ${a.issue} 开始，但配置为跨年连续编号，上一期是 ${ref.zh(a.prev)}`,
    en: (a) =>
      a.reset === 'yearly'
        ? `The first issue of ${a.year} should restart at 1, but continues from ${ref.en(a.prev)} as issue ${a.issue}`
        : `Issue numbers restart at ${a.issue} in ${a.year}, but the config numbers across years; the previous issue is ${ref.en(a.prev)}`,
  },
  hint: {
    zh: (a) =>
      a.reset === 'yearly'
        ? '期号每年从 1 开始（配置 numbering.reset: yearly）；若本项目的期号跨年连续，在 bulletin.config.yaml 中设置 numbering.reset: never。'
        : '配置 numbering.reset: never 表示期号跨年连续；若期号应每年从 1 开始，在 bulletin.config.yaml 中把它改为 yearly。',
    en: (a) =>
      a.reset === 'yearly'
        ? 'Issue numbers restart at 1 each year (config numbering.reset: yearly); if this project numbers across years, set numbering.reset: never in bulletin.config.yaml.'
        : 'numbering.reset: never numbers across years; if numbers restart each year, set it to yearly in bulletin.config.yaml.',
  },
});
export const numberingGapIssue = rule<{ firstOfYear?: string; from: number; fromPath: string; to: number; totalStep: number; prev: IssueRef }>()({
  id: 'numbering-gap-issue',
  severity: 'warning',
  group: 'numbering',
  sample: { from: 62, fromPath: 'bulletins/2021/062.md', to: 64, totalStep: 1, prev: SAMPLE_REF },
  message: {
    zh: (a) =>
      a.firstOfYear
        ? `${a.firstOfYear} 年的首期是第 ${a.to} 期，不是第 1 期；上一期是 ${ref.zh(a.prev)}`
        : `期号从 ${a.from}（${a.fromPath}）跳到 ${a.to}，中间缺少 ${a.to - a.from - 1} 期，而总期号只加了 ${a.totalStep}`,
    en: (a) =>
      a.firstOfYear
        ? `The first issue of ${a.firstOfYear} is issue ${a.to}, not 1; the previous issue is ${ref.en(a.prev)}`
        : `The issue number jumps from ${a.from} (${a.fromPath}) to ${a.to}, ${a.to - a.from - 1} missing, while the running number rose by ${a.totalStep}`,
  },
  hint: {
    zh: (a) => (a.firstOfYear ? GAP_HINT.zh(a) : '期号与总期号应同步加 1；检查期号是否写错。'),
    en: (a) => (a.firstOfYear ? GAP_HINT.en(a) : 'Issue and running numbers rise by 1 together; check the issue number.'),
  },
});
export const numberingSeriesDuplicate = rule<{ name: string; number: number; otherPath: string; otherDate: string }>()({
  id: 'numbering-series-duplicate',
  severity: 'error',
  group: 'numbering',
  sample: { name: '防汛专刊', number: 3, otherPath: 'bulletins/2021/fx-03.md', otherDate: '2021-06-20' },
  message: {
    zh: (a) => `专刊“${a.name}”的编号 ${a.number} 与 ${a.otherPath}（${a.otherDate}）重复`,
    en: (a) => `Number ${a.number} of the series "${a.name}" is also used by ${a.otherPath} (${a.otherDate})`,
  },
  hint: same('同一专刊的编号唯一，新一期是该专刊上一期的编号加 1。', 'Numbers within a series are unique; a new one takes the previous plus 1.'),
});
export const numberingSeriesOrder = rule<{ name: string; number: number; earlier: boolean; otherPath: string; otherNumber: number; otherDate: string }>()({
  id: 'numbering-series-order',
  severity: 'error',
  group: 'numbering',
  sample: { name: '防汛专刊', number: 2, earlier: true, otherPath: 'bulletins/2021/fx-03.md', otherNumber: 3, otherDate: '2021-06-20' },
  message: {
    zh: (a) =>
      `专刊“${a.name}”的编号 ${a.number} ${a.earlier ? '小于日期更早的' : '大于日期更晚的'} ${a.otherPath}（编号 ${a.otherNumber}，${a.otherDate}）`,
    en: (a) =>
      `Number ${a.number} of the series "${a.name}" is ${a.earlier ? 'smaller than that of the earlier' : 'larger than that of the later'} ${a.otherPath} (number ${a.otherNumber}, ${a.otherDate})`,
  },
  hint: same('专刊编号随日期递增；检查本期或另一期的专刊编号、日期是否写错。', 'Series numbers rise with the date; check the number and date of this issue and the other.'),
});
export const numberingSeriesGap = rule<{ name: string; from: number; fromPath: string; to: number }>()({
  id: 'numbering-series-gap',
  severity: 'warning',
  group: 'numbering',
  sample: { name: '防汛专刊', from: 3, fromPath: 'bulletins/2021/fx-03.md', to: 5 },
  message: {
    zh: (a) => `专刊“${a.name}”的编号从 ${a.from}（${a.fromPath}）跳到 ${a.to}，中间缺少 ${a.to - a.from - 1} 期`,
    en: (a) => `The series "${a.name}" jumps from ${a.from} (${a.fromPath}) to ${a.to}; ${a.to - a.from - 1} missing`,
  },
  hint: GAP_HINT,
});

// ——— Import (bulletin import) ———

export const importBinary = rule<{ offset: number }>()({
  id: 'import-binary',
  severity: 'error',
  group: 'import',
  sample: { offset: 512 },
  message: { zh: (a) => `输入含有二进制内容（第 ${a.offset} 字节处），不是文本`, en: (a) => `The input holds binary content (at byte ${a.offset}); it is not text` },
  hint: same('先用 pdftotext 或“另存为纯文本”得到文本文件再导入。', 'Get a text file first (pdftotext, or "save as plain text"), then import it.'),
});
export const importEncoding = rule({
  id: 'import-encoding',
  severity: 'error',
  group: 'import',
  message: same('无法判断输入的编码', 'The encoding of the input cannot be told'),
  hint: same('把文件另存为 UTF-8 后再导入。', 'Save the file as UTF-8 and import it again.'),
});
export const importGarbled = rule<{ text?: string; count: number }>()({
  id: 'import-garbled',
  severity: 'warning',
  group: 'import',
  sample: { text: '向?qū)W生', count: 1 },
  message: {
    zh: (a) => (a.text !== undefined ? `此处文字似乎已损坏（乱码）：“${a.text}”${a.count > 1 ? `（本行共 ${a.count} 处）` : ''}` : '此处文字含有无法解码的字符（�）'),
    en: (a) => (a.text !== undefined ? `The text here looks garbled: "${a.text}"${a.count > 1 ? ` (${a.count} places on this line)` : ''}` : 'The text here holds characters that could not be decoded (�)'),
  },
  hint: {
    zh: (a) => (a.text !== undefined ? '网页转换时丢失了字节；请对照原件改正这几个字。' : '请对照原件改正这几个字。'),
    en: (a) => (a.text !== undefined ? 'Bytes were lost when the page was converted; correct these characters from the original.' : 'Correct these characters from the original.'),
  },
});
export const importFurniture = rule<{ kind: 'line' | 'summary' | 'trailing' | 'running'; text: string }>()({
  id: 'import-furniture',
  severity: 'info',
  group: 'import',
  sample: { kind: 'line', text: '扫一扫在手机打开当前页' },
  message: {
    zh: (a) =>
      a.kind === 'summary'
        ? `已删除网页摘要（与下文重复）：“${a.text}…”`
        : a.kind === 'trailing'
          ? `已删除网页末尾的零散文字：“${a.text}”`
          : a.kind === 'running'
            ? `已删除各页重复的页眉：“${a.text}”`
            : `已删除网页杂项：“${a.text}”`,
    en: (a) =>
      a.kind === 'summary'
        ? `Removed the page's summary (repeated below): "${a.text}…"`
        : a.kind === 'trailing'
          ? `Removed stray text at the end of the page: "${a.text}"`
          : a.kind === 'running'
            ? `Removed the running head repeated on each page: "${a.text}"`
            : `Removed web page furniture: "${a.text}"`,
  },
  hint: same('核对删去的是否确属网页杂项；若不是，从原文补回。', 'Check that what was removed is page furniture; if not, restore it from the original.'),
});
export const importTraditional = rule<{ count: number }>()({
  id: 'import-traditional',
  severity: 'warning',
  group: 'import',
  sample: { count: 12 },
  message: { zh: (a) => `文本中有 ${a.count} 个繁体字`, en: (a) => `The text holds ${a.count} traditional characters` },
  hint: same('加 --simplified 把繁体转为简体。', 'Add --simplified to convert them to simplified characters.'),
});
export const importJoined = rule<{ from: number; to: number }>()({
  id: 'import-joined',
  severity: 'info',
  group: 'import',
  sample: { from: 40, to: 44 },
  message: { zh: (a) => `第 ${a.from} 行的段落在分页处断开，已与第 ${a.to} 行接上`, en: (a) => `The paragraph of line ${a.from} broke at a page end; joined with line ${a.to}` },
  hint: same('核对接上的两行是否原属同一段。', 'Check that the joined lines were one paragraph.'),
});
export const importUnrecognised = rule<{ where: 'masthead' | 'colophon' | 'body'; text: string }>()({
  id: 'import-unrecognised',
  severity: 'warning',
  group: 'import',
  sample: { where: 'masthead', text: '内部资料 注意保存' },
  message: {
    zh: (a) => `未能识别${{ masthead: '报头', colophon: '报尾', body: '正文' }[a.where]}中的“${a.text}”，已作为正文段落保留`,
    en: (a) => `"${a.text}" in the ${a.where} was not recognised; kept as a paragraph`,
  },
  hint: same(
    '核对这一行：属于报头或报尾的内容请移入前置信息，否则保留或删去这一段。',
    'Check this line: masthead or colophon content belongs in the front matter; otherwise keep or delete the paragraph.',
  ),
});
export const importEmptyDistribution = rule<{ label: string }>()({
  id: 'import-empty-distribution',
  severity: 'warning',
  group: 'import',
  sample: { label: '抄送' },
  message: { zh: (a) => `报尾“${a.label}”后面没有内容，已略去`, en: (a) => `The colophon line "${a.label}" has nothing after it; left out` },
  hint: same('核对原件的报尾。', 'Check the colophon of the original.'),
});
export const importOfficeDiffers = rule<{ office: string; publisher: string }>()({
  id: 'import-office-differs',
  severity: 'warning',
  group: 'import',
  sample: { office: '江西省应急管理厅办公室', publisher: '江西省应急管理厅' },
  message: {
    zh: (a) => `报尾的印发单位“${a.office}”与报头的编发单位“${a.publisher}”不同，源文件只记录报头的编发单位`,
    en: (a) => `The issuing office in the colophon, "${a.office}", differs from the publisher in the masthead, "${a.publisher}"; the source keeps the masthead's`,
  },
  hint: same('核对哪一个是对的，改正前置信息中的 publisher。', 'Check which is right and correct publisher in the front matter.'),
});
export const importMissingTitle = rule({
  id: 'import-missing-title',
  severity: 'warning',
  group: 'import',
  message: same('正文开头没有可识别的文章标题，正文放在第一个“#”标题之前', 'No article title was recognised at the start of the body; the text stands before the first "#" title'),
  hint: same('在正文开头加上“# 文章标题”。', 'Add "# article title" at the start of the body.'),
});
export const importTimeDropped = rule<{ text: string; date: string; time: string }>()({
  id: 'import-time-dropped',
  severity: 'info',
  group: 'import',
  sample: { text: '2021-06-25 09:30', date: '2021-06-25', time: '09:30' },
  message: { zh: (a) => `已把“${a.text}”识别为日期 ${a.date}，时刻 ${a.time} 不保留`, en: (a) => `"${a.text}" read as the date ${a.date}; the time ${a.time} is not kept` },
  hint: same('简报只记日期；时刻如需保留，请写入正文。', 'A bulletin records the date only; write the time into the text if it matters.'),
});
export const importMojibake = rule<{ count: number; lost: number }>()({
  id: 'import-mojibake',
  severity: 'warning',
  group: 'import',
  sample: { count: 18, lost: 2 },
  message: {
    zh: (a) => `本行是按 Windows-1252 误读的 UTF-8 乱码（如“å¬å¼€”），已还原 ${a.count} 个字${a.lost ? `；${a.lost} 处字节已丢失，标作“〓”` : ''}`,
    en: (a) => `This line is UTF-8 misread as Windows-1252 (like "å¬å¼€"); ${a.count} characters restored${a.lost ? `, ${a.lost} places lost bytes and are marked "〓"` : ''}`,
  },
  hint: same('核对还原的文字；“〓”处请对照原件补上。', 'Check the restored text; fill in each "〓" from the original.'),
});
export const importCrossDecoded = rule<{ text: string }>()({
  id: 'import-cross-decoded',
  severity: 'error',
  group: 'import',
  sample: { text: '向?。ㄒ唬学' },
  message: {
    zh: (a) => `文字已在 GBK 与 UTF-8 之间误转过（乱码，如“${a.text}”），无法从中还原，未导入`,
    en: (a) => `The text was converted between GBK and UTF-8 with the wrong one (garbled, e.g. "${a.text}"); it cannot be restored and was not imported`,
  },
  hint: same('请找到原始文件（未经转换的字节）再导入；bulletin 会自行识别 GBK、GB18030、Big5 和 UTF-8。', 'Find the original file (its bytes as first saved) and import that; bulletin recognises GBK, GB18030, Big5 and UTF-8 by itself.'),
});
export const importConvertFirst = rule<{ reason: string; file: string }>()({
  id: 'import-convert-first',
  severity: 'error',
  group: 'import',
  sample: { reason: 'wps', file: '064.wps' },
  message: {
    zh: (a) =>
      a.reason === 'encrypted'
        ? '这个 Office 文件已加密或设有打开密码，无法读取'
        : a.reason === 'encrypted-pdf'
          ? '这个 PDF 设有打开密码，无法读取'
          : `无法直接读取 .${a.reason} 文件（WPS 或表格、演示文件）`,
    en: (a) =>
      a.reason === 'encrypted'
        ? 'This Office file is encrypted or password-protected and cannot be read'
        : a.reason === 'encrypted-pdf'
          ? 'This PDF needs a password to open and cannot be read'
          : `A .${a.reason} file (WPS, spreadsheet or presentation) cannot be read directly`,
  },
  hint: {
    zh: (a) =>
      a.reason === 'encrypted-pdf'
        ? `用密码打开后另存一份不加密的 PDF 再导入，例如：qpdf --decrypt --password=密码 ${a.file} 解密后.pdf`
        : `${a.reason === 'encrypted' ? '在 Word 或 WPS 中输入密码打开，取消加密后另存；或' : '先'}用 LibreOffice 转成 .docx 再导入：soffice --headless --convert-to docx ${a.file}`,
    en: (a) =>
      a.reason === 'encrypted-pdf'
        ? `Save a copy without the password and import that, e.g. qpdf --decrypt --password=PASSWORD ${a.file} decrypted.pdf`
        : `${a.reason === 'encrypted' ? 'Open it with its password in Word or WPS and save it without encryption, or' : 'First'} convert it to .docx with LibreOffice, then import that: soffice --headless --convert-to docx ${a.file}`,
  },
});
export const importUnreadable = rule<{ kind: string; detail: Detail }>()({
  id: 'import-unreadable',
  severity: 'error',
  group: 'import',
  sample: { kind: 'PDF', detail: 'Invalid PDF structure.' },
  message: { zh: (a) => `无法读取这个 ${a.kind} 文件：${a.detail}`, en: (a) => `This ${a.kind} file cannot be read: ${a.detail}` },
  hint: same('文件可能已损坏或加密；请用原文件，或先另存为文本再导入。', 'The file may be damaged or encrypted; use the original, or save it as text and import that.'),
});
export const importTooLarge = rule<{ format: string; kind: 'part' | 'total' | 'pages' | 'stream' | 'doctype'; where: string; limit: number }>()({
  id: 'import-too-large',
  severity: 'error',
  group: 'import',
  sample: { format: 'Word', kind: 'part', where: 'word/document.xml', limit: 32 },
  message: {
    zh: (a) =>
      ({
        part: `这个 ${a.format} 文件的 ${a.where} 解压后超过 ${a.limit} MB，可能是压缩炸弹，不导入`,
        total: `这个 ${a.format} 文件解压后共超过 ${a.limit} MB，可能是压缩炸弹，不导入`,
        pages: `这个 ${a.format} 文件有 ${a.where} 页，超过上限 ${a.limit} 页，不导入`,
        stream: `这个 ${a.format} 文件的第 ${a.where} 个数据流解压后超过 ${a.limit} MB，可能是压缩炸弹，不导入`,
        doctype: `这个 ${a.format} 文件的 ${a.where} 中有 DOCTYPE 或实体声明（Word 从不写这些，可能是 XXE 攻击），不导入`,
      })[a.kind],
    en: (a) =>
      ({
        part: `${a.where} of this ${a.format} file inflates past ${a.limit} MB (a zip bomb?); not imported`,
        total: `This ${a.format} file inflates past ${a.limit} MB in all (a zip bomb?); not imported`,
        pages: `This ${a.format} file has ${a.where} pages, over the limit of ${a.limit}; not imported`,
        stream: `Stream ${a.where} of this ${a.format} file inflates past ${a.limit} MB (a compression bomb?); not imported`,
        doctype: `${a.where} of this ${a.format} file holds a DOCTYPE or entity declarations (Word never writes them: an XXE attack?); not imported`,
      })[a.kind],
  },
  hint: same(
    '一期简报的文件只有几百 KB、几页；确认文件来源，或把原文件另存一份再导入。上限见 docs/security.md。',
    'An issue\'s file is a few hundred KB and a few pages; check where the file came from, or save the original again and import that. The limits are in docs/security.md.',
  ),
});
export const importNoText = rule<{ kind: string }>()({
  id: 'import-no-text',
  severity: 'error',
  group: 'import',
  sample: { kind: 'PDF' },
  message: { zh: (a) => `这个 ${a.kind} 文件中没有文字${a.kind === 'PDF' ? '（可能是扫描件）' : ''}`, en: (a) => `This ${a.kind} file holds no text${a.kind === 'PDF' ? ' (it may be a scan)' : ''}` },
  hint: same('扫描件需要先做文字识别（OCR），再导入识别出的文本。', 'A scan needs text recognition (OCR) first; import the recognised text.'),
});
export const importTocMismatch = rule<{ entries: string[]; titles: string[] }>()({
  id: 'import-toc-mismatch',
  severity: 'warning',
  group: 'import',
  sample: { entries: ['全省防汛应急演练圆满完成'], titles: ['全省防汛应急演练圆满完成', '萍乡市开展危险化学品企业安全检查'] },
  message: {
    zh: (a) => `本期要目（${a.entries.length} 条）与识别出的文章标题（${a.titles.length} 篇）不一致：要目为${a.entries.map((e) => `“${e}”`).join('、')}`,
    en: (a) => `The table of contents (${a.entries.length} entries) differs from the article titles found (${a.titles.length}): it lists ${a.entries.map((e) => `"${e}"`).join(', ')}`,
  },
  hint: same('本期要目由标题生成，不写入源文件；请核对文章的划分和标题。', 'The table of contents is made from the titles and is not kept in the source; check how the articles were divided and titled.'),
});
export const importMissingField = rule<{ key: 'issue' | 'total' | 'date' }>()({
  id: 'import-missing-field',
  severity: 'warning',
  group: 'import',
  sample: { key: 'total' },
  message: {
    zh: (a) => `未找到${{ issue: '期号（第 N 期）', total: '总期号（总第 N 期）', date: '编发日期' }[a.key]}，前置信息中写作【待补】`,
    en: (a) => `No ${{ issue: 'issue number (“第 N 期”)', total: 'running number (“总第 N 期”)', date: 'issue date' }[a.key]} found; the front matter says “【待补】” for ${a.key}`,
  },
  hint: {
    zh: (a) => `导入后在前置信息中补上 ${a.key}；\`bulletin check\` 会指出所有缺少的字段。`,
    en: (a) => `Fill in ${a.key} in the front matter after the import; \`bulletin check\` names every missing field.`,
  },
});
export const importVerify = rule<{ kind: 'field' | 'publisher' | 'changed' | 'lost' | 'added' | 'more' | 'structure'; field?: string; text?: string; other?: string; count?: number }>()({
  id: 'import-verify',
  severity: 'error',
  group: 'import',
  sample: { kind: 'changed', text: '236场', other: '237场' },
  message: {
    zh: (a) =>
      ({
        field: `前置信息 ${a.field} 对应的“${a.text}”在原文中找不到`,
        publisher: `前置信息 publisher 的“${a.text}”在原文中找不到`,
        changed: `文字被改动：原文“${a.text}”，源文件中为“${a.other}”`,
        lost: `原文的“${a.text}”在源文件中丢失`,
        added: `源文件多出了原文没有的“${a.text}”`,
        more: `另有 ${a.count} 处不一致未列出`,
        structure: `结构不一致：识别出的${a.field}为 ${a.text}，写出的源文件中为 ${a.other}`,
      })[a.kind],
    en: (a) =>
      ({
        field: `"${a.text}" of the front matter's ${a.field} is not in the original`,
        publisher: `The publisher "${a.text}" is not in the original`,
        changed: `Text changed: "${a.text}" in the original, "${a.other}" in the source`,
        lost: `"${a.text}" of the original is missing from the source`,
        added: `The source has "${a.text}", which the original does not`,
        more: `${a.count} more differences not listed`,
        structure: `Structure differs: ${a.field} recognised ${a.text}, the written source has ${a.other}`,
      })[a.kind],
  },
  hint: same('导入结果与原文不一致：请核对源文件，必要时手工改正。', 'The import differs from the original: check the source and correct it by hand where needed.'),
});

export const importVerifyBlock = rule<{ kind: 'heading' | 'paragraph-line' | 'merged' | 'split' | 'space-lost' | 'space-added' | 'changed' | 'lost' | 'added'; text: string; other?: string }>()({
  id: 'import-verify-block',
  severity: 'error',
  group: 'import',
  sample: { kind: 'merged', text: '会议要求，各级各部门要严格对照巡查要求' },
  message: {
    zh: (a) =>
      ({
        heading: `标题“${a.text}”在原文中不是单独的一行`,
        'paragraph-line': `标题“${a.text}”在原文中是段落的一行（排满一行，或以句末标点结束）`,
        merged: `源文件的段落“${a.text}”在原文中跨过了一个没有排满的行尾（标题或段落在那里结束）：两块被合成了一段`,
        split: `原文的一段在源文件中被分成了两段，在“${a.text}”之前`,
        'space-lost': `标题“${a.text}”丢了原文词组之间的空格（原文为“${a.other}”）`,
        'space-added': `标题“${a.text}”中的空格原文没有（原文为“${a.other}”）`,
        changed: `源文件的“${a.other}”与原文的“${a.text}”不一致`,
        lost: `原文的“${a.text}”在源文件中找不到`,
        added: `源文件的“${a.text}”在原文中找不到`,
      })[a.kind],
    en: (a) =>
      ({
        heading: `The heading "${a.text}" is not one line of the original`,
        'paragraph-line': `The heading "${a.text}" is a paragraph's line in the original (it fills the measure, or ends a sentence)`,
        merged: `The source's paragraph "${a.text}" runs past a line of the original that stops short (a heading or a paragraph ends there): two blocks were merged`,
        split: `A paragraph of the original is split in two in the source, before "${a.text}"`,
        'space-lost': `The heading "${a.text}" lost the space between its phrases (the original has "${a.other}")`,
        'space-added': `The heading "${a.text}" has a space the original does not ("${a.other}")`,
        changed: `The source's "${a.other}" differs from the original's "${a.text}"`,
        lost: `"${a.text}" of the original is not in the source`,
        added: `The source's "${a.text}" is not in the original`,
      })[a.kind],
  },
  hint: same('导入结果的结构与原文不一致：请核对源文件，必要时手工改正。', 'The structure of the import differs from the original: check the source and correct it by hand where needed.'),
});

// ——— Output ———

export const templateError = rule<{ detail: Detail }>()({
  id: 'template-error',
  severity: 'error',
  group: 'output',
  sample: { detail: 'unexpected token' },
  message: { zh: (a) => `模板出错：${a.detail}`, en: (a) => `Template error: ${a.detail}` },
  hint: same('检查项目 templates/ 中覆盖的模板。', 'Check the templates you override in the project\'s templates/.'),
});
export const templateUnsafe = rule<{ file: string; line: number; name: string }>()({
  id: 'template-unsafe',
  severity: 'error',
  group: 'output',
  sample: { file: 'templates/sheet.njk', line: 3, name: 'constructor' },
  message: {
    zh: (a) => `模板 ${a.file} 第 ${a.line} 行访问了“${a.name}”：模板只能读取简报的数据，不能访问构造函数、原型或全局对象`,
    en: (a) => `Template ${a.file}, line ${a.line}, reaches for "${a.name}": templates may read the issue's data, never constructors, prototypes or globals`,
  },
  hint: same(
    '模板在沙箱中运行（见 docs/security.md）；改用简报数据中的字段和内置过滤器。',
    'Templates run in a sandbox (see docs/security.md); use the fields of the issue\'s data and the built-in filters.',
  ),
});
export const templateOutside = rule<{ file: string; real: string }>()({
  id: 'template-outside',
  severity: 'error',
  group: 'output',
  sample: { file: 'templates/sheet.njk', real: '/etc/passwd' },
  message: {
    zh: (a) => `模板 ${a.file} 链接到项目之外（${a.real}），不读取`,
    en: (a) => `The template ${a.file} links outside the project (${a.real}); it is not read`,
  },
  hint: same('把模板文件本身放进项目的 templates/，不要用指向项目外的链接。', 'Put the template file itself into the project\'s templates/, not a link to a file outside the project.'),
});
export const templateNotAFile = rule<{ file: string; kind: 'fifo' | 'device' | 'socket' | 'other' }>()({
  id: 'template-not-a-file',
  severity: 'error',
  group: 'output',
  sample: { file: 'templates/sheet.njk', kind: 'fifo' },
  message: {
    zh: (a) => `模板 ${a.file} 不是普通文件（${{ fifo: '命名管道', device: '设备文件', socket: '套接字', other: '特殊文件' }[a.kind]}），不读取`,
    en: (a) => `The template ${a.file} is not a regular file (${{ fifo: 'a named pipe', device: 'a device', socket: 'a socket', other: 'a special file' }[a.kind]}); it is not read`,
  },
  hint: same('模板须是普通文件；删除它，或换成模板文件本身。', 'A template must be a regular file; remove it, or replace it with the template file itself.'),
});
export const layoutDrift = rule<{ expected: number; actual: number }>()({
  id: 'layout-drift',
  severity: 'warning',
  group: 'output',
  sample: { expected: 3, actual: 4 },
  message: {
    zh: (a) => `分页与预计不符：预计 ${a.expected} 页，实际 ${a.actual} 页；报尾可能不在末页底部`,
    en: (a) => `Pagination differs from the layout: ${a.expected} pages expected, ${a.actual} printed; the colophon may not sit at the foot of the last page`,
  },
  hint: same(
    '多见于超大图片或很长的表格；请检查 PDF 末页。',
    'Usually caused by a very large image or a long table; check the last page of the PDF.',
  ),
});
export const printFailed = rule<{ detail: Detail }>()({
  id: 'print-failed',
  severity: 'error',
  group: 'output',
  sample: { detail: 'Navigation timeout of 60000 ms exceeded' },
  message: { zh: (a) => `生成 PDF 失败：${a.detail}`, en: (a) => `Printing the PDF failed: ${a.detail}` },
  hint: same(
    '用 --verbose 查看原因；若是超时，可在配置中加大 browser.timeout。',
    'Run with --verbose for the cause; for a timeout, raise browser.timeout in the config.',
  ),
});
export const docxFailed = rule<{ detail: Detail }>()({
  id: 'docx-failed',
  severity: 'error',
  group: 'output',
  sample: { detail: 'Invalid image' },
  message: { zh: (a) => `生成 Word 文件失败：${a.detail}`, en: (a) => `Writing the Word file failed: ${a.detail}` },
  hint: internalError.hint,
});
export const docxUnplaced = rule<{ detail: Detail }>()({
  id: 'docx-unplaced',
  severity: 'warning',
  group: 'output',
  sample: { detail: '1 个字体文件未能加载' },
  message: {
    zh: (a) => `Word 版的版记没有按打印版面放在末页底部（排版失败：${a.detail}），紧接正文`,
    en: (a) => `The Word edition's colophon follows the text instead of standing at the foot of the last page: the print layout failed (${a.detail})`,
  },
  hint: same(
    '版记的位置取自打印版面：让这台电脑能生成 PDF（bulletin doctor 查看浏览器和字体），再生成 Word 版；Word 中也可手动把版记移到末页底部。',
    'The colophon is placed from the print layout: make this computer able to print the PDF (bulletin doctor checks the browser and fonts), then build the Word edition again; in Word the colophon can also be moved to the foot by hand.',
  ),
});
export const docxPicture = rule<{ url: string; reason: 'webp' | 'unreadable' | 'inline' }>()({
  id: 'docx-picture',
  severity: 'warning',
  group: 'output',
  sample: { url: 'images/chart.webp', reason: 'webp' },
  message: {
    zh: (a) => `Word 版中没有图片“${a.url}”，${a.reason === 'webp' ? 'Word、WPS 不能显示 WebP 图片' : a.reason === 'inline' ? '文字行中的图片在 Word 版中只印出其说明文字' : '图片无法读取'}`,
    en: (a) => `The Word edition lacks the picture "${a.url}": ${a.reason === 'webp' ? 'Word and WPS cannot show WebP pictures' : a.reason === 'inline' ? 'a picture inside a line of text is given by its alt text in the Word edition' : 'the picture cannot be read'}`,
  },
  hint: same(
    '改用 PNG、JPEG 或 SVG 图片，并让图片单独成段（一段只有一张图片）；PDF 与网页版不受影响。',
    'Use a PNG, JPEG or SVG picture, in a paragraph of its own; the PDF and the web page are not affected.',
  ),
});

export const ofdFailed = rule<{ detail: Detail }>()({
  id: 'ofd-failed',
  severity: 'error',
  group: 'output',
  sample: { detail: 'font AAAAAA+SimSun cannot be embedded in the OFD: the PDF does not embed it' },
  message: { zh: (a) => `生成 OFD 文件失败：${a.detail}`, en: (a) => `Writing the OFD file failed: ${a.detail}` },
  hint: same(
    'OFD 须嵌入所用字体：换用可嵌入的 TrueType/OpenType 字体，或不生成 OFD；其他原因用 --verbose 查看。',
    'An OFD must embed its fonts: use an embeddable TrueType/OpenType font, or leave OFD out; --verbose shows other causes.',
  ),
});

// ——— The catalogue ———

/** The rules of the pipeline stages (the proofreading rules live with their checks in src/lint/rules.ts). */
export const STAGE_RULES = [
  sourceUnreadable, sourceIsDirectory, sourceNotAFile, sourceOutsideProject, sourceTooLarge, sourceBinary, sourceEncoding, sourceEncodingLegacy, sourceEmpty, sourceReservedOutput, internalError,
  frontMatterMissing, frontMatterEngine, frontMatterSyntax, frontMatterUnclosed, frontMatterNotAMap, frontMatterTooLong, frontMatterTotalLtIssue,
  configUnreadable, configUnknownRule, configFontOutside, configBrowserInside, configFontMissing, configFontType, configFontCff, configFontSystem,
  bodyTooDeep, tableTooWide, headingTooLong, inlineTooComplex, bodyTooComplex, rawHtml, headingDepth, articleTitleEmpty, tooManyArticles, bodyBeforeTitle, bodyNoArticle,
  linkUnsafe, linkMalformed, linkOutside, imageNotRelative, imageOutsideProject, imageTooLarge, imageSvgUnsafe, imageMissing, imageType, missingGlyph,
  numberingDuplicateTotal, numberingGapTotal, numberingOrder, numberingDuplicateIssue, numberingYearReset, numberingGapIssue,
  numberingSeriesDuplicate, numberingSeriesOrder, numberingSeriesGap,
  templateError, templateUnsafe, templateOutside, templateNotAFile, layoutDrift, printFailed, docxFailed, docxUnplaced, docxPicture, ofdFailed,
  importBinary, importEncoding, importGarbled, importFurniture, importTraditional, importJoined, importUnrecognised, importEmptyDistribution,
  importOfficeDiffers, importMissingTitle, importTimeDropped, importMissingField, importVerify, importVerifyBlock, importConvertFirst, importUnreadable, importTooLarge, importNoText, importTocMismatch, importMojibake, importCrossDecoded,
] as const;


/** The YAML rules of the front matter and the config, in docs order. */
export const YAML_RULES = [...Object.values(frontMatterYaml), ...Object.values(configYaml)];

/** The id of a rule of the pipeline stages: a literal union, so a typo in one is a type error. */
export type StageRuleId = (typeof STAGE_RULES)[number]['id'] | (typeof YAML_RULES)[number]['id'];
