// Every entry of the three catalogues (CLI texts, errors, rules) exists in both languages, and
// each language speaks only itself: English has no Han outside quotes of Chinese text, Chinese
// no English sentence.
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/catalogue.js';
import { TEXTS } from '../../src/cli/texts.js';
import { catalogue, details, inLang, type Said } from '../../src/diagnostics/errors.js';
import { PAGE_TEXTS } from '../../src/preview/pages.js';
import { strayEnglish, strayHan } from './scan.js';

/** Stands for any argument: a string, a number, a list, an object with any field. */
const any: unknown = new Proxy(function () {}, {
  get: (_t, prop) => (prop === Symbol.toPrimitive ? (hint: string) => (hint === 'number' ? 2 : 'x') : prop === Symbol.iterator ? function* () { yield 'x'; } : prop === 'length' ? 1 : any),
  apply: () => any,
});

/** Every text a value makes: strings as they are, functions called with any arguments and with zeros. */
function texts(value: unknown, at: string): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (typeof value === 'function') {
    const out: Array<[string, string]> = [];
    for (const args of [[any, any, any, any, any], [0, 0, 0, 0, 0], ['', '', false, false, false]]) {
      try {
        out.push([at, String((value as (...a: unknown[]) => unknown)(...args))]);
      } catch {
        // These arguments do not fit this text; the others do.
      }
    }
    return out;
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, `${at}.${k}`));
  return [];
}

const shape = (value: unknown): unknown => (value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value);

describe('the catalogues', () => {
  it('CLI texts: the same entries in both languages, each in its own language', () => {
    // titles is commander's words (English already) in en; every other entry has the same shape.
    const { titles: _zt, ...zhProgram } = TEXTS.zh.program;
    const { titles: _et, ...enProgram } = TEXTS.en.program;
    expect(shape({ ...TEXTS.en, program: enProgram })).toEqual(shape({ ...TEXTS.zh, program: zhProgram }));
    const en = texts(TEXTS.en, 'en');
    const zh = texts(TEXTS.zh, 'zh');
    expect(en.length).toBeGreaterThan(150);
    expect(en.flatMap(([at, text]) => strayHan(text).map((h) => `${at}: ${h}`))).toEqual([]);
    expect(zh.flatMap(([at, text]) => strayEnglish(text).map((w) => `${at}: ${w}`))).toEqual([]);
  });

  it('errors: title, message and hint in both languages, and every detail', () => {
    const found: string[] = [];
    for (const [name, entry] of Object.entries(catalogue)) {
      for (const [part, value] of Object.entries(entry)) {
        const by = value as { zh: unknown; en: unknown };
        expect(Object.keys(by).sort(), `${name}.${part}`).toEqual(['en', 'zh']);
        for (const [at, text] of texts(by.en, `${name}.${part}.en`)) found.push(...strayHan(text).map((h) => `${at}: ${h}`));
        for (const [at, text] of texts(by.zh, `${name}.${part}.zh`)) found.push(...strayEnglish(text).map((w) => `${at}: ${w}`));
      }
    }
    for (const [name, make] of Object.entries(details)) {
      const told = (make as (...a: unknown[]) => Said)('x', 'x', 'x');
      found.push(...strayHan(inLang(told, 'en')).map((h) => `details.${name}: ${h}`), ...strayEnglish(inLang(told, 'zh')).map((w) => `details.${name}.zh: ${w}`));
    }
    expect(found).toEqual([]);
  });

  it("the preview's own pages: the same texts in both languages, each in its own", () => {
    expect(shape(PAGE_TEXTS.en)).toEqual(shape(PAGE_TEXTS.zh));
    expect(texts(PAGE_TEXTS.en, 'en').flatMap(([at, text]) => strayHan(text).map((h) => `${at}: ${h}`))).toEqual([]);
    expect(texts(PAGE_TEXTS.zh, 'zh').flatMap(([at, text]) => strayEnglish(text).map((w) => `${at}: ${w}`))).toEqual([]);
  });

  it('rules: message and hint in both languages', () => {
    const found: string[] = [];
    for (const rule of allRules()) {
      const args = rule.sample ?? any;
      // A sample's values stand for the user's text (or a library's message): not the catalogue's words.
      const user = rule.sample ? Object.values(rule.sample as object).join(' ') : '';
      for (const part of ['message', 'hint'] as const) {
        found.push(...strayHan(rule[part].en(args), user).map((h) => `${rule.id}.${part}.en: ${h}`));
        found.push(...strayEnglish(rule[part].zh(args), user).map((w) => `${rule.id}.${part}.zh: ${w}`));
      }
    }
    expect(found).toEqual([]);
  });
});
