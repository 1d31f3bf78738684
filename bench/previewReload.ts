// `npm run bench -- --preview`, and a row of the full bench: how soon a saved source shows in
// the preview (issue 28: ≤ 300 ms for a 5-page issue). The preview runs in this process (the
// shipped library), a headless tab keeps the page open, and each round appends a
// paragraph to the source and times: the save → the preview's "reload" event → the reloaded page
// showing the new paragraph (its load, fonts included).
import { appendFile, cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Io } from '../src/core/io.js';

export interface ReloadTimes {
  /** Save → "reload" event sent, ms, per round. */
  event: number[];
  /** Save → the new text shown in the open page, ms, per round. */
  shown: number[];
}

export async function previewReload(
  library: typeof import('../src/index.js'),
  source: string,
  rounds = 7,
): Promise<ReloadTimes> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-preview-bench-'));
  await cp(source, path.join(dir, 'bulletins/2021/064.md'), { recursive: true });
  const io: Io = { cwd: dir, env: process.env, stdout: () => {}, stderr: () => {} };
  let reloaded: (() => void) | undefined;
  const session = await library.preview({
    io,
    port: 0,
    onEvent: (e) => {
      if (e.type === 'updated') reloaded?.();
    },
  });
  if (!session.url) throw new Error('preview did not start');
  const { launchBrowser } = await import('../src/browser/browser.js');
  const browser = await launchBrowser({ env: process.env });
  try {
    const page = await browser.newPage();
    await page.goto(new URL('2021/064.html', session.url).href, { waitUntil: 'load' });
    const times: ReloadTimes = { event: [], shown: [] };
    for (let r = 0; r < rounds; r++) {
      const marker = `修改第${r + 1}次后的新段落已经显示`;
      const updated = new Promise<void>((resolve) => (reloaded = resolve));
      const started = performance.now();
      await appendFile(path.join(dir, 'bulletins/2021/064.md'), `\n${marker}。\n`);
      await updated;
      times.event.push(performance.now() - started);
      await page.waitForFunction((m: string) => document.body?.textContent?.includes(m) && document.fonts.status === 'loaded', { polling: 'raf', timeout: 10_000 }, marker);
      times.shown.push(performance.now() - started);
      await new Promise((r2) => setTimeout(r2, 300));
    }
    return times;
  } finally {
    await browser.close();
    await session.close();
  }
}
