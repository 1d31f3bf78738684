// Long titles break only between words and into balanced lines (GB/T 9704 §7.3.1), measured on
// the rendered page: each line's characters read back by their positions.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/browser.js';
import { build } from '../../src/core/build.js';
import { captureIo, tempProject } from '../helpers/project.js';

const TITLES = [
  '全省安全生产专项整治三年行动进入巩固提升阶段',
  '省应急管理厅部署危险化学品企业安全专项检查工作',
  '十四五应急体系规划实施情况中期评估工作全面启动',
  '全省森林防灭火工作视频调度会召开部署春季防火工作',
  '省安委会第一专项巡查组进驻南昌市开展安全生产专项巡查',
  '全省防汛抗旱工作会议强调压紧压实防汛责任确保安全度汛',
  '省减灾委部署全省自然灾害综合风险普查成果应用工作',
  '全省非煤矿山安全生产攻坚行动推进会在萍乡召开',
  '全省道路交通安全大排查大整治工作取得阶段性成效',
  '省应急管理厅召开全省应急管理系统党风廉政建设工作会议',
  '全省烟花爆竹安全监管工作会议要求严防各类事故发生',
  '全省城镇燃气安全专项整治工作部署会议在南昌召开',
  '赣州市扎实推进隐患排查治理双重预防机制建设见实效',
  '全省工贸行业安全生产标准化建设现场推进会召开',
  '省安委办通报全省安全生产大检查发现的突出问题',
  '全省地质灾害防治工作会议部署主汛期防范应对工作',
  '上饶市开展危险化学品企业一企一策安全风险会诊',
  '全省应急救援队伍汛前拉练暨应急演练活动圆满完成',
  '省消防救援总队部署今冬明春火灾防控攻坚行动',
  '全省建筑施工领域安全生产专项整治推进会在九江召开',
];

/** Words no line may break inside: the vocabulary of these titles, listed by this test. */
const WHOLE = [
  '安全生产', '危险化学品', '十四五', '防灭火', '专项', '巡查', '防汛', '抗旱', '自然灾害', '非煤矿山', '应急管理', '党风廉政',
  '烟花爆竹', '城镇燃气', '隐患排查', '双重预防', '标准化', '大检查', '地质灾害', '主汛期', '一企一策', '应急救援', '应急演练',
  '消防救援', '建筑施工', '三年行动', '巩固提升', '召开', '部署', '推进会', '整治', '工作', '会议', '南昌市', '赣州市', '上饶市',
  '九江', '萍乡', '南昌', '全省', '启动', '评估', '阶段', '检查', '企业', '调度会', '今冬明春', '攻坚行动', '圆满完成', '机制',
];

/** Indices i (1 ≤ i < n) where a break before title[i] splits no word of WHOLE. */
function allowedBreaks(title: string): number[] {
  const inside = new Set<number>();
  for (const w of WHOLE) for (let at = title.indexOf(w); at >= 0; at = title.indexOf(w, at + 1)) for (let k = at + 1; k < at + w.length; k++) inside.add(k);
  return [...Array(title.length).keys()].slice(1).filter((i) => !inside.has(i));
}

let browser: Browser;
let lines: string[][] = [];
beforeAll(async () => {
  const body = TITLES.map((t) => `# ${t}\n\n正文。\n`).join('\n');
  const dir = await tempProject({ 'bulletins/a.md': `---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n${body}` });
  expect((await build({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
  browser = await launchBrowser({ env: process.env });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(path.join(dir, 'dist/a.html')).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  lines = await page.evaluate(() =>
    [...document.querySelectorAll('h1.article-title')].map((h) => {
      const out: Array<{ top: number; text: string }> = [];
      const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getClientRects()[0]?.top ?? 0);
          const line = out.find((l) => Math.abs(l.top - top) < 5);
          if (line) line.text += text[i];
          else out.push({ top, text: text[i]! });
        }
      }
      return out.sort((a, b) => a.top - b.top).map((l) => l.text);
    }),
  );
}, 120_000);
afterAll(async () => browser?.close());

describe('long titles', () => {
  it('are all rendered, most of them on two lines', () => {
    expect(lines.map((l) => l.join(''))).toEqual(TITLES);
    expect(lines.filter((l) => l.length === 2).length).toBeGreaterThanOrEqual(15);
  });

  for (const [i, title] of TITLES.entries()) {
    it(`break only between words, in balanced lines: ${title}`, () => {
      const got = lines[i]!;
      const allowed = allowedBreaks(title);
      let at = 0;
      for (const line of got.slice(0, -1)) {
        at += line.length;
        expect(allowed, `${got.join(' / ')}: break before “${title[at]}” splits a word`).toContain(at);
      }
      if (got.length === 2) {
        // As balanced as the words allow: within 2 characters, or the best any allowed break gives.
        const best = Math.min(...allowed.map((k) => Math.abs(title.length - 2 * k)));
        expect(Math.abs(got[0]!.length - got[1]!.length), got.join(' / ')).toBeLessThanOrEqual(Math.max(2, best));
      }
    });
  }
});
