import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compile } from './src/pipeline/index.js';
import { defaultConfig } from './src/config/schema.js';
import { renderDocx } from './src/pipeline/docx.js';
const abs = path.resolve(process.argv[2]!);
const c = await compile(abs, abs, { config: defaultConfig, root: process.cwd(), source: 'x.md', assetsDir: 'x.assets' });
if (!c.bulletin) { console.log(c.file.messages.map(String)); process.exit(1); }
await writeFile(process.argv[3]!, await renderDocx(c.bulletin, { config: defaultConfig, showToc: c.bulletin.articles.length >= 2 }));
