import { fontconfig, measurePdf, officeTools, sofficePdf } from '/work/wt-docx/tests/helpers/office.js';
import { officeFaces } from '/work/wt-docx/tests/helpers/officeFaces.js';
const tools = await officeTools() as any;
const conf = await fontconfig('/tmp/measure-docx', await officeFaces('/work/wt-docx'));
const files = process.argv.slice(2);
await sofficePdf(tools.soffice, files, '/tmp/docxm/exp/out', conf, '/tmp/measure-docx/profile');
for (const f of files) { const m = await measurePdf('/tmp/docxm/exp/out/' + f.split('/').pop()!.replace('.docx','.pdf'), { pdftoppm: tools.pdftoppm, block: { left: 28, right: 184 } }); console.log(f, m.pages, m.lines.join('·'), m.lastRule, m.right); }
