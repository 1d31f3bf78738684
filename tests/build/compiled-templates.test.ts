import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { CompiledLoader, keptCode, sealCode } from '../../src/pipeline/compiledTemplates.js';

const options = { autoescape: true, throwOnUndefined: false, trimBlocks: false };

/** A project with one template, a user cache of its own, and a renderer made the way build makes one. */
function setUp() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-njk-'));
  const templates = path.join(dir, 'templates');
  const cache = path.join(dir, 'cache');
  const env = { XDG_CACHE_HOME: cache };
  const kept = () => readdirSync(path.join(cache, 'bulletin', 'templates-v1')).filter((f) => f.endsWith('.js'));
  const render = (name: string, ctx: object) =>
    new nunjucks.Environment(new CompiledLoader([templates], options, env), options).render(name, ctx);
  return { templates, kept, render, folder: () => path.join(cache, 'bulletin', 'templates-v1') };
}

describe('compiled templates kept between runs', () => {
  it('compiles a template once and runs the kept code in the next environment', () => {
    const t = setUp();
    mkdirSync(t.templates, { recursive: true });
    writeFileSync(path.join(t.templates, 'page.njk'), '<p>{{ title }}</p>');
    expect(t.render('page.njk', { title: '<应急>' })).toBe('<p>&lt;应急&gt;</p>');
    const [file] = t.kept();
    expect(t.kept()).toHaveLength(1);
    // The next environment takes the kept code, not the template: a marked copy of the code shows it.
    // (Kept files carry the hash of their code: the marked copy is written as bulletin writes one.)
    const code = keptCode(readFileSync(path.join(t.folder(), file!), 'utf8'))!;
    writeFileSync(path.join(t.folder(), file!), sealCode(code.replace('"<p>"', '"<p data-kept>"')));
    expect(t.render('page.njk', { title: '简报' })).toBe('<p data-kept>简报</p>');
  });

  it('compiles an edited template anew, and a kept file that does not run is compiled again', () => {
    const t = setUp();
    mkdirSync(t.templates, { recursive: true });
    writeFileSync(path.join(t.templates, 'page.njk'), '<p>{{ title }}</p>');
    t.render('page.njk', { title: 'a' });
    writeFileSync(path.join(t.templates, 'page.njk'), '<h1>{{ title }}</h1>');
    expect(t.render('page.njk', { title: '简报' })).toBe('<h1>简报</h1>');
    expect(t.kept()).toHaveLength(2);
    for (const f of t.kept()) writeFileSync(path.join(t.folder(), f), 'this is not JavaScript (');
    expect(t.render('page.njk', { title: '简报' })).toBe('<h1>简报</h1>');
  });

  it('still reports a template error with its place', () => {
    const t = setUp();
    mkdirSync(t.templates, { recursive: true });
    writeFileSync(path.join(t.templates, 'bad.njk'), '<p>\n{% if %}</p>');
    expect(() => t.render('bad.njk', {})).toThrow(/bad\.njk.*\[Line 2/s);
  });
});
