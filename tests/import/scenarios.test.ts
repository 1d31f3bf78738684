import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { severityOf } from '../../src/diagnostics/report.js';
import { captureIo, scenarios, tempDir } from './helpers.js';

/**
 * Each folder of tests/fixtures/import: input.txt → expected.md, with the messages of
 * messages.json; options.json holds import options; without expected.md nothing may be written.
 * (corpus/ is the producer corpus, read by corpus.test.ts.)
 */
describe('import scenarios', async () => {
  for (const name of (await readdir(scenarios)).filter((n) => n !== 'corpus')) {
    it(name, async () => {
      const folder = path.join(scenarios, name);
      const dir = await tempDir();
      const options = JSON.parse(await readFile(path.join(folder, 'options.json'), 'utf8').catch(() => '{}')) as { simplified?: boolean };
      const result = await importText({ files: [path.join(folder, 'input.txt')], out: 'out', verify: true, ...options, io: captureIo(dir) });
      const output = result.files[0]?.output;
      const expected = await readFile(path.join(folder, 'expected.md'), 'utf8').catch(() => undefined);
      const messages = (result.files[0]?.file.messages ?? []).map((m) => `${m.line} ${severityOf(m)} ${m.ruleId}`);
      expect(messages).toEqual(JSON.parse(await readFile(path.join(folder, 'messages.json'), 'utf8')));
      if (expected === undefined) {
        expect(output).toBeUndefined();
        expect(result.exitCode).toBe(1);
        return;
      }
      expect(output).toBeDefined();
      expect(await readFile(path.join(dir, output as string), 'utf8')).toBe(expected);
      expect(result.files[0]?.differences).toBe(0);
    });
  }
});
