// Wording a newcomer reads at once: a summary that says what happened, help that names the inputs.
import { describe, expect, it } from 'vitest';
import { en, zh } from '../../src/cli/texts.js';
import { cliIn, tempProject } from '../helpers/project.js';

describe('the build summary reads naturally', () => {
  const cases = [
    { built: 0, unchanged: 3, failed: 0, zh: '3 期未改动，无需重建（0.2 秒）', en: '3 issues unchanged, nothing to rebuild (0.2 s)' },
    { built: 3, unchanged: 0, failed: 0, zh: '已生成 3 期（0.2 秒）', en: 'Built 3 issues (0.2 s)' },
    { built: 1, unchanged: 0, failed: 0, zh: '已生成 1 期（0.2 秒）', en: 'Built 1 issue (0.2 s)' },
    { built: 2, unchanged: 1, failed: 1, zh: '已生成 2 期；1 期未改动；1 期有错误，未生成（0.2 秒）', en: 'Built 2 issues; 1 unchanged; 1 not built because of errors (0.2 s)' },
    { built: 0, unchanged: 0, failed: 1, zh: '1 期有错误，未生成（0.2 秒）', en: '1 issue not built because of errors (0.2 s)' },
  ];
  for (const c of cases) {
    it(`${c.built} built, ${c.unchanged} unchanged, ${c.failed} failed`, () => {
      const counts = { built: c.built, unchanged: c.unchanged, failed: c.failed, seconds: '0.2' };
      expect(zh.build.done(counts)).toBe(c.zh);
      expect(en.build.done(counts)).toBe(c.en);
    });
  }
});

describe('import --help', () => {
  it('names every kind of file it reads, in both languages', async () => {
    const dir = await tempProject();
    for (const lang of ['zh', 'en']) {
      const help = (await cliIn(dir, ['import', '--help', '--lang', lang])).out;
      const description = help.split('\n').find((l) => l.trim() && !/^(用法|Usage)/.test(l)) ?? '';
      for (const ext of ['.pdf', '.docx', '.doc', '.txt']) expect(description, `${lang}: ${description}`).toContain(ext);
    }
  });
});
