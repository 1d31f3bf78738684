// Every kind of front-matter error in the contract: the message, its line and column, exit
// code 1, and nothing written for the failed source.
import { printedBuild } from '../helpers/project.js';
import { readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo, FIXTURES, tempProject } from '../helpers/project.js';

interface Expected {
  ruleId: string;
  line: number | null;
  column: number | null;
  message: string;
}

const DIR = path.join(FIXTURES, 'front-matter');
const scenarios = readdirSync(DIR).sort();

describe('front-matter errors', () => {
  it('has a fixture for every kind of error', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scenarios)('%s', async (scenario) => {
    const input = await readFile(path.join(DIR, scenario, 'input.md'), 'utf8');
    const expected = JSON.parse(await readFile(path.join(DIR, scenario, 'expected.json'), 'utf8')) as Expected[];
    const dir = await tempProject({ 'bulletins/2021/064.md': input });
    const io = captureIo(dir);
    const result = await printedBuild({ io, formats: ['html', 'pdf'] });
    expect(result.exitCode).toBe(1);
    const messages = result.issues[0]!.file.messages;
    for (const e of expected) {
      const m = messages.find((x) => new RegExp(`^(${e.ruleId})$`).test(x.ruleId ?? ''));
      expect(m, `${e.ruleId} in ${messages.map((x) => `${x.ruleId}@${x.line}`).join(', ')}`).toBeDefined();
      expect(m!.fatal).toBe(true);
      expect(m!.reason).toContain(e.message);
      if (e.line !== null) expect(m!.line).toBe(e.line);
      if (e.column !== null) expect(m!.column).toBe(e.column);
      expect(m!.note, 'every diagnostic has a hint').toBeTruthy();
      // The report names the file and the place.
      expect(io.err()).toContain('bulletins/2021/064.md');
      if (e.line !== null) expect(io.err()).toContain(`${e.line}:${e.column}`);
    }
    expect(io.err()).not.toMatch(/\n\s+at /);
    const written = await readdir(path.join(dir, 'dist')).catch(() => []);
    expect(written).toEqual([]);
  });
});
