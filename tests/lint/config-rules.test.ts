// config `rules`: a project switches a rule off, raises it to an error (which blocks the build),
// or is told that a rule it names does not exist.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { captureIo, cliIn, tempProject } from '../helpers/project.js';

const SOURCE = '---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n# 标题\n\n其它地区今年以来加强督导。\n';

async function run(config: string) {
  const dir = await tempProject({ 'bulletin.config.yaml': config, 'bulletins/a.md': SOURCE });
  const { exitCode, errors, warnings } = await check({ io: captureIo(dir) });
  return { result: { exitCode, errors, warnings }, err: (await cliIn(dir, ['check'])).err };
}

describe('config rules', () => {
  it('by default the confusable word is a warning and the opt-in relative-time rule is off', async () => {
    const { result, err } = await run('');
    expect(result).toEqual({ exitCode: 0, errors: 0, warnings: 1 });
    expect(err).toMatch(/9:1\s+警告.*word-confusable/);
    expect(err).not.toContain('word-relative-time');
  });

  it('a severity turns an opt-in rule on', async () => {
    const { result, err } = await run('rules:\n  word-relative-time: warning\n');
    expect(result).toEqual({ exitCode: 0, errors: 0, warnings: 2 });
    expect(err).toMatch(/9:1\s+警告.*word-confusable/);
    expect(err).toMatch(/9:5\s+警告\s+“今年”在档案中会过时（本期日期为2021年6月25日）.*word-relative-time/);
  });

  it('off silences a rule; error makes it fail the check', async () => {
    const { result, err } = await run('rules:\n  word-relative-time: "off"\n  word-confusable: error\n');
    expect(result).toEqual({ exitCode: 1, errors: 1, warnings: 0 });
    expect(err).toMatch(/9:1\s+错误.*word-confusable/);
    expect(err).not.toContain('word-relative-time');
  });

  it('a project lists its own relative-time words', async () => {
    const { result, err } = await run('rules:\n  word-relative-time: warning\nrelativeTimeWords: [以来]\n');
    expect(result).toEqual({ exitCode: 0, errors: 0, warnings: 2 });
    expect(err).toMatch(/9:7\s+警告\s+“以来”在档案中会过时.*word-relative-time/);
    expect(err).not.toContain('“今年”在档案中会过时');
  });

  it('names a rule that does not exist, at its line in the config', async () => {
    const { result, err } = await run('rules:\n  word-confusible: "off"\n');
    expect(result.exitCode).toBe(1);
    expect(err).toContain('bulletin.config.yaml');
    expect(err).toContain('没有名为“word-confusible”的规则');
    expect(err).toMatch(/\b2:\d+\b/);
  });
});
