import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { toSimplified } from '../../src/import/clean.js';
import { captureIo, samples, splitSource, tempDir } from './helpers.js';
import { cliIn } from '../helpers/project.js';

const INPUT = path.join(samples, 'jx-notice-2021-03-16.garbled.txt');
const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

describe('import of a web copy with pinyin annotations (jx-notice-2021-03-16.garbled.txt)', async () => {
  const dir = await tempDir();
  const io = captureIo(dir);
  const result = await importText({ files: [INPUT], simplified: true, verify: true, io });
  // The same import as the archivist runs it, into another folder: what the CLI prints.
  const printed = await cliIn(dir, ['import', INPUT, '--simplified', '--verify', '--out', 'printed']);
  const written = await readFile(path.join(dir, 'bulletins/jx-notice-2021-03-16.md'), 'utf8');
  const raw = await readFile(INPUT, 'utf8');

  it('passes --verify', () => {
    expect(result.exitCode).toBe(0);
    expect(result.files[0]?.differences).toBe(0);
    expect(printed.out).toContain('核对：与原文一致');
  });

  it('leaves no pinyin annotation', () => {
    expect(written).not.toMatch(TONED);
    expect(result.files[0]?.stats?.pinyin).toBeGreaterThan(1000);
  });

  it('leaves no traditional character that has a simplified form, but next to a garbled spot (〓)', () => {
    // Within three characters of a marked spot the text is debris: converting it would make
    // real-looking characters of it ("棧顒" → "栈颙"), so it keeps its form.
    const away = written.replace(/[^〓\n]{0,3}〓[^〓\n]{0,3}/gu, '');
    expect(toSimplified(away)).toBe(away);
    for (const ch of '會產專項動關發號區縣應業實進開戰導設點標強領險門務規級問統風對學') expect(away).not.toContain(ch);
    expect(written).toContain('〓');
  });

  it('keeps every real parenthesis', () => {
    const real = [...raw.matchAll(/[(（][^()（）]*[)）]/g)].map((m) => m[0]).filter((p) => !TONED.test(p));
    expect(real.length).toBeGreaterThan(20);
    for (const p of new Set(real)) {
      const wanted = toSimplified(p);
      const count = real.filter((r) => r === p).length;
      expect(written.split(wanted).length - 1, wanted).toBeGreaterThanOrEqual(count);
    }
    expect(written).toContain('(赣安〔2021〕2号)');
    expect(written).toContain('县(区)');
  });

  it('drops the page furniture and says so', () => {
    for (const junk of ['推荐图文', '推荐法规', '点击排行', '举报0', '收藏0', '683', '更多>', '地区:', '盐池滩羊', '核心提示']) {
      expect(written).not.toContain(junk);
    }
    const dropped = result.files[0]?.file.messages.filter((m) => m.ruleId === 'import-furniture').map((m) => m.line ?? 0).sort((a, b) => a - b);
    expect(dropped).toEqual([3, 4, 111, 112, 114, 115, 116, 117, 119]);
  });

  it('flags the garbled passages with their lines', () => {
    const garbled = result.files[0]?.file.messages.filter((m) => m.ruleId === 'import-garbled').map((m) => m.line);
    expect(garbled).toEqual([53, 56, 65]);
  });

  it('reports the numbers and date it could not find', () => {
    const { front, body } = splitSource(written);
    expect(front).toEqual({ issue: '【待补】', total: '【待补】', date: '【待补】' });
    const missing = result.files[0]?.file.messages.filter((m) => m.ruleId === 'import-missing-field').map((m) => m.reason);
    expect(missing).toHaveLength(3);
    expect(body.trimStart().startsWith('# 江西省安委会关于印发江西省安全生产专项整治三年行动“十大攻坚战”工作方案的通知 (赣安〔2021〕2号)\n')).toBe(true);
    expect(body).toContain('\n## 一、总体要求\n');
  });

  it('without --simplified keeps the characters and suggests the flag', async () => {
    const other = await tempDir();
    const r = await importText({ files: [INPUT], io: captureIo(other) });
    const text = await readFile(path.join(other, 'bulletins/jx-notice-2021-03-16.md'), 'utf8');
    expect(text).toContain('江西省安委會關于印發');
    expect(text).not.toMatch(TONED);
    expect(r.files[0]?.file.messages.some((m) => m.ruleId === 'import-traditional')).toBe(true);
  });
});
