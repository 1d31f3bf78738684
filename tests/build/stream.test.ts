// A cold build streams (issue 28): the front matters are read first (numbering, navigation), and
// each body is analysed only when its issue's turn comes, while the issues before it are built.
// What is reported must not change: the same messages as `check`, once each, also from the kept
// analysis of the next run.
import { describe, expect, it } from 'vitest';
import { build, type BuildEvent } from '../../src/core/build.js';
import { check } from '../../src/core/check.js';
import { captureIo, tempProject } from '../helpers/project.js';

const issue = (n: number, body: string, extra = '') => `---\nissue: ${n}\ntotal: ${n}\ndate: 2021-01-0${n}\n${extra}---\n\n# 第${n}篇\n\n${body}\n`;

const project = () =>
  tempProject({
    'bulletins/a.md': issue(1, '正文一。'),
    // An error in the body only: its front matter is clean, so its body waits for its turn.
    'bulletins/b.md': issue(2, '正文【待补】。'),
    // A warning in the body, and one of the numbering rules over the archive (a gap in the running numbers).
    'bulletins/c.md': issue(3, '正文三,内容三。').replace('total: 3', 'total: 5'),
    // A front matter with an error is reported at once, before anything is built.
    'bulletins/d.md': issue(4, '正文四。', 'colour: red\n'),
  });

/** Each file's messages, as rule@line:column, sorted. */
const messagesOf = (files: Array<{ path: string; messages: Array<{ ruleId?: string | null; line?: number | null; column?: number | null }> }>) =>
  Object.fromEntries(files.map((f) => [f.path, f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`).sort()]));

describe('a cold build streams', () => {
  it('builds the first issue before a later body is analysed, and reports what check reports, once', async () => {
    const dir = await project();
    const events: BuildEvent[] = [];
    const result = await build({ io: captureIo(dir), formats: ['html'], concurrency: 1, onEvent: (e) => events.push(e) });
    expect(result.exitCode).toBe(1);
    const told = events.map((e) => (e.type === 'issue' ? `${e.status} ${e.source}` : e.type === 'begin' ? `begin ${e.source}` : e.type));
    // d's front matter fails at once; b's body is found wrong only after a has begun (streamed).
    expect(told[0]).toBe('start');
    expect(told[1]).toBe('failed bulletins/d.md');
    expect(told.indexOf('begin bulletins/a.md')).toBeLessThan(told.indexOf('failed bulletins/b.md'));
    expect(told.filter((t) => t.endsWith('bulletins/b.md'))).toEqual(['begin bulletins/b.md', 'failed bulletins/b.md']);
    expect(result.issues.filter((i) => i.entry).map((i) => i.file.path)).toEqual(['bulletins/a.md', 'bulletins/c.md']);

    const checked = await check({ io: captureIo(dir) });
    const built = messagesOf(result.issues.map((i) => i.file));
    expect(built).toEqual(messagesOf(checked.files ?? []));
    expect(built['bulletins/b.md']).toEqual(['placeholder@9:3']);
    expect(built['bulletins/c.md']).toContain('typo-halfwidth-punct@9:4');
    expect(built['bulletins/c.md']).toContain('numbering-gap-total@3:1');

    // The next build takes a and c from the cache, their findings from the kept analysis:
    // a streamed body's analysis was kept.
    const again = await build({ io: captureIo(dir), formats: ['html'] });
    expect(again.issues.filter((i) => i.unchanged).map((i) => i.file.path)).toEqual(['bulletins/a.md', 'bulletins/c.md']);
    expect(messagesOf(again.issues.map((i) => i.file))).toEqual(built);
  });

  it('counts an issue whose body is broken by its front matter, in check as in a streamed build', async () => {
    // The numbering rules are the front matters' (a streamed build knows no body when it applies
    // them): a too-long heading does not take an issue out of them, as it did in check.
    const dir = await tempProject({
      'bulletins/a.md': issue(1, '正文一。'),
      'bulletins/b.md': issue(1, `## ${'管'.repeat(201)}\n\n正文。`),
    });
    const rules = (files: Array<{ path: string; messages: Array<{ ruleId?: string | null }> }>) => files.find((f) => f.path === 'bulletins/b.md')!.messages.map((m) => m.ruleId).sort();
    const expected = ['heading-too-long', 'numbering-duplicate-issue', 'numbering-duplicate-total'];
    expect(rules((await check({ io: captureIo(dir) })).files ?? [])).toEqual(expected);
    expect(rules((await build({ io: captureIo(dir), formats: ['html'] })).issues.map((i) => i.file))).toEqual(expected);
  });
});
