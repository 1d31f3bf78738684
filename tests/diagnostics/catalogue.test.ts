// The rule catalogue: every id the code raises is in it (and so in docs/rules.md), and every rule
// speaks both languages.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, ruleById } from '../../src/catalogue.js';
import { check } from '../../src/core/check.js';
import { importText } from '../../src/core/importText.js';
import { captureIo, copyInto, FIXTURES, tempProject } from '../helpers/project.js';

const HAN = /\p{Script=Han}/u;

/** Every string inside a sample, so English text may quote them. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

async function raisedIds(dir: string): Promise<Map<string, string>> {
  const result = await check({ io: captureIo(dir) });
  const ids = new Map<string, string>();
  for (const f of result.files ?? []) for (const m of f.messages) if (m.ruleId) ids.set(m.ruleId, f.path);
  return ids;
}

describe('the rule catalogue', () => {
  it('lists every rule the rules module defines (a rule left out of STAGE_RULES has no docs)', async () => {
    const defined = (Object.values(await import('../../src/diagnostics/rules.js')) as unknown[]).filter(
      (v): v is { id: string } => typeof v === 'object' && v !== null && 'id' in v && 'message' in v && 'hint' in v,
    );
    const listed = new Set(allRules().map((r) => r.id));
    expect(defined.length).toBeGreaterThan(60);
    expect(defined.map((r) => r.id).filter((id) => !listed.has(id))).toEqual([]);
  });

  it('has one entry per id, and each renders in Chinese and in English from its sample', () => {
    const rules = allRules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      const sample = rule.sample ?? { args: [] };
      for (const text of [rule.message.en(sample), rule.hint.en(sample)]) {
        let bare = text;
        for (const s of strings(sample)) bare = bare.split(s).join('');
        // Chinese may be quoted as an example (“——”, (南昌—九江)), never be the sentence itself.
        bare = bare.replace(/“[^”]*”|\([^)]*\)|（[^）]*）/gu, '');
        expect(bare, `${rule.id}: English text with Chinese in it`).not.toMatch(HAN);
        expect(bare.trim(), rule.id).not.toBe('');
      }
      expect(rule.message.zh(sample), rule.id).toMatch(HAN);
    }
  });

  it('is the only source of messages: every report() passes a rule, and nothing bypasses report()', async () => {
    const src = path.resolve(import.meta.dirname, '../../src');
    const offences: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith('.ts') && !full.endsWith(path.join('diagnostics', 'report.ts'))) {
          const text = await readFile(full, 'utf8');
          for (const m of text.matchAll(/\breport\(\s*[\w.!]+\s*,\s*(['"`])/g)) offences.push(`${path.relative(src, full)}: ${m[0]}`);
          for (const m of text.matchAll(/\b(?:file|\w+\.file)\.(?:message|info|fail)\(/g)) offences.push(`${path.relative(src, full)}: ${m[0]}`);
        }
      }
    };
    await walk(src);
    expect(offences).toEqual([]);
  });

  it('holds every id the fixture corpus raises, and docs/rules.md lists each', async () => {
    const dir = await tempProject();
    for (const group of ['bad', 'front-matter', 'typography', 'fix']) {
      for (const name of await readdir(path.join(FIXTURES, group))) await copyInto(dir, path.join(FIXTURES, group, name), `bulletins/${group}/${name}`);
    }
    const raised = await raisedIds(dir);
    for (const name of await readdir(path.join(FIXTURES, 'numbering'))) {
      const project = await tempProject();
      await copyInto(project, path.join(FIXTURES, 'numbering', name, 'bulletins'), 'bulletins');
      for (const [id, where] of await raisedIds(project)) raised.set(id, `numbering/${name}/${where}`);
    }
    // Imports: the import fixtures and the archivist's samples.
    const inputs = [
      ...(await readdir(path.join(FIXTURES, 'import'))).map((n) => path.join(FIXTURES, 'import', n, 'input.txt')),
      ...(await readdir(path.join(FIXTURES, 'samples'))).filter((n) => n.endsWith('.txt')).map((n) => path.join(FIXTURES, 'samples', n)),
    ];
    const imported = await importText({ files: inputs, out: 'imported', force: true, io: captureIo(await tempProject()) });
    for (const r of imported.files) for (const m of r.file.messages) if (m.ruleId) raised.set(m.ruleId, r.input);
    // The corpus is wide enough to be worth holding the catalogue against.
    expect(raised.size).toBeGreaterThan(50);
    const docs = await readFile(path.resolve(import.meta.dirname, '../../docs/rules.md'), 'utf8');
    for (const [id, where] of raised) {
      expect(ruleById(id), `${id} (raised by ${where}) is not in the catalogue`).toBeDefined();
      expect(docs, `${id} is not in docs/rules.md`).toContain(`\`${id}\``);
    }
  });
});
