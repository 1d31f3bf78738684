// A project is data: its templates/ overrides render in the sandbox (src/pipeline/templateSandbox.ts)
// and are read only from inside the project. Each way from a template to code fails with a
// template diagnostic naming the file and the line, and runs nothing.
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { newIssue } from '../../src/core/newIssue.js';
import { FRONT, captureIo, tempDir, tempProject } from './helpers.js';

const g = globalThis as { __pwned?: unknown };
afterEach(() => void delete g.__pwned);

/** A one-issue project whose templates/sheet.njk is `sheet`, built to HTML. */
async function buildWith(sheet: string) {
  const dir = await tempProject({ 'bulletins/a.md': `${FRONT}\n# 标题\n\n正文。\n`, 'templates/sheet.njk': sheet });
  const io = captureIo(dir);
  const result = await build({ io, formats: ['html'], force: true });
  const messages = result.issues.flatMap((i) => i.file.messages);
  return { dir, result, messages };
}

const PWN = '"globalThis.__pwned = 1; return 1"';

/** Each a way out of nunjucks into JavaScript, and the name the sandbox refuses. */
const escapes: [string, string, string][] = [
  ['the issue report: range.constructor', `<p>\n{{ range.constructor(${PWN})() }}</p>`, 'constructor'],
  ['a member by its literal key', `<p>\n{{ range["constructor"](${PWN})() }}</p>`, 'constructor'],
  ['a key computed at run time', `{% set k = "constr" + "uctor" %}\n{{ range[k](${PWN})() }}`, 'constructor'],
  ['a string’s constructor', `<p>\n{{ b.title.constructor.constructor(${PWN})() }}</p>`, 'constructor'],
  ['the bare name constructor (Object, through the globals’ prototype)', `<p>\n{{ constructor.getOwnPropertyDescriptor }}</p>`, 'constructor'],
  ['valueOf called on the context', `<p>\n{{ valueOf().env }}</p>`, 'valueOf'],
  ['__proto__ of the data', `<p>\n{{ b.__proto__ }}</p>`, '__proto__'],
  ['a computed __proto__', `{% set k = "__pro" + "to__" %}\n{{ b[k] }}`, '__proto__'],
  ['a property of a function', `{% set k = "ca" + "ll" %}\n{{ cycler[k] }}`, 'call'],
  ['a getter lookup', `{% set k = "__lookup" + "Getter__" %}\n{{ b[k]("title") }}`, '__lookupGetter__'],
];

describe('templates render in a sandbox', () => {
  it.for(escapes)('%s: refused with the template, its line and the name; nothing runs', async ([, sheet, name]) => {
    const { result, messages } = await buildWith(sheet);
    expect(g.__pwned).toBeUndefined();
    expect(result.exitCode).toBe(1);
    const line = sheet.split('\n').findIndex((l) => l.includes('{{')) + 1;
    expect(messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['template-unsafe', `模板 templates/sheet.njk 第 ${line} 行访问了“${name}”：模板只能读取简报的数据，不能访问构造函数、原型或全局对象`],
    ]);
  });

  it('still renders data, string and array methods, loops and macros', async () => {
    const sheet = [
      '{% macro t(x) %}[{{ x }}]{% endmacro %}',
      '<p>{{ t(b.title | upper) }}{{ b.title.slice(0, 1) }}{{ b.articles.length }}{{ ["a", "b"].join("-") }}',
      '{% for a in b.articles %}{{ loop.index }}{{ a.title }}{% endfor %}{{ range(3) | join(",") }}{{ b.date | chineseDate }}</p>',
    ].join('\n');
    const { dir, result } = await buildWith(sheet);
    expect(result.exitCode).toBe(0);
    const html = await readFile(path.join(dir, 'dist/a.html'), 'utf8');
    expect(html).toContain('<p>[江西应急管理简报]江1a-b\n1标题0,1,22021年6月25日</p>');
  });

  it('refuses a template linked outside the project, and a templates/ folder that is such a link', async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, 'secret.txt'), 'SECRET-OUTSIDE');
    const dir = await tempProject({ 'bulletins/a.md': `${FRONT}\n# 标题\n\n正文。\n` });
    await mkdir(path.join(dir, 'templates'));
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'templates/sheet.njk'));
    const result = await build({ io: captureIo(dir), formats: ['html'] });
    expect(result.exitCode).toBe(1);
    expect(result.issues[0]!.file.messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['template-outside', `模板 templates/sheet.njk 链接到项目之外（${path.join(outside, 'secret.txt')}），不读取`],
    ]);
    expect(existsSync(path.join(dir, 'dist/a.html'))).toBe(false);

    const dir2 = await tempProject({ 'bulletins/a.md': `${FRONT}\n# 标题\n\n正文。\n` });
    await writeFile(path.join(outside, 'sheet.njk'), 'SECRET-OUTSIDE');
    await symlink(outside, path.join(dir2, 'templates'));
    const result2 = await build({ io: captureIo(dir2), formats: ['html'] });
    expect(result2.exitCode).toBe(1);
    expect(result2.issues[0]!.file.messages.map((m) => m.ruleId)).toEqual(['template-outside']);
  });

  it('follows a link that stays inside the project', async () => {
    const dir = await tempProject({ 'bulletins/a.md': `${FRONT}\n# 标题\n\n正文。\n`, 'shared/sheet.njk': '<p>共用</p>' });
    await mkdir(path.join(dir, 'templates'));
    await symlink(path.join(dir, 'shared/sheet.njk'), path.join(dir, 'templates/sheet.njk'));
    const result = await build({ io: captureIo(dir), formats: ['html'] });
    expect(result.exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'dist/a.html'), 'utf8')).toContain('<p>共用</p>');
  });

  it('sandboxes the new-issue template too', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': `${FRONT}\n# 标题\n\n正文。\n`, 'templates/new.md.njk': `---\n{{ range.constructor(${PWN})() }}\n` });
    const result = await newIssue({ io: captureIo(dir), date: '2021-07-01' });
    expect(g.__pwned).toBeUndefined();
    expect(result.exitCode).toBe(1);
    expect(String((result.error as Error).message)).toMatch(/new\.md\.njk\) \[Line 2, Column \d+\][\s\S]*TemplateSandbox: constructor/);
  });
});
