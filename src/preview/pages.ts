import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { compareMessages } from '../diagnostics/format.js';
import { SEVERITY_LABELS, severityOf } from '../diagnostics/report.js';
import { escapeHtml } from '../pipeline/render.js';

/** The Server-Sent Events endpoint the preview pages listen to. */
export const EVENTS_PATH = '/__bulletin/events';

/**
 * The script injected into every preview page: on a "reload" event it fetches the page again
 * and swaps its body in, keeping the fonts the tab has decoded and the reader's place (a whole
 * reload, when the page's styles changed or the fetch fails); it reloads on connecting when
 * the build it was served from is no longer the latest (a rebuild finished meanwhile).
 */
export const RELOAD_SCRIPT =
  `(()=>{const m=(d)=>d.querySelector('meta[name="bulletin-preview-build"]')?.content;let g=m(document);` +
  `const css=(d)=>[...d.head.querySelectorAll('style,link[rel=stylesheet]')].map((e)=>e.outerHTML).join('');` +
  `const swap=async()=>{try{const r=await fetch(location.href,{cache:'no-store'});if(!r.ok)throw r.status;` +
  `const d=new DOMParser().parseFromString(await r.text(),'text/html');if(css(d)!==css(document))return location.reload();` +
  `g=m(d);document.title=d.title;document.body.replaceWith(document.adoptNode(d.body));}catch{location.reload();}};` +
  `const s=new EventSource(${JSON.stringify(EVENTS_PATH)});` +
  `s.addEventListener('reload',swap);` +
  `s.addEventListener('build',(e)=>{if(g!==undefined&&e.data!==g)location.reload();});})();`;

export const RELOAD_SCRIPT_HASH = `'sha256-${createHash('sha256').update(RELOAD_SCRIPT).digest('base64')}'`;

/** The policy of the pages the preview server makes itself (index, error pages). */
const OWN_CSP = `default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; script-src ${RELOAD_SCRIPT_HASH}; connect-src 'self'; base-uri 'none'; form-action 'none'`;

/** @font-face rules (bundled fonts) covering a page's text, with URLs from the site root. */
export type FontsFor = (text: string) => string;

/**
 * A page's policy, widened only as far as the preview needs: the reload script's hash in
 * script-src and 'self' in connect-src. A directive that is absent inherits default-src's
 * sources, as the browser would have. Used on served copies only, never on dist/.
 */
export function previewCsp(policy: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => d.split(/\s+/));
  const fallback = directives.find((d) => d[0]?.toLowerCase() === 'default-src')?.slice(1) ?? [];
  const widen = (name: string, add: string) => {
    let directive = directives.find((d) => d[0]?.toLowerCase() === name);
    if (!directive) directives.push((directive = [name, ...fallback]));
    const sources = directive.slice(1).filter((s) => s.toLowerCase() !== "'none'");
    if (!sources.includes(add)) sources.push(add);
    directive.splice(1, directive.length - 1, ...sources);
  };
  widen('script-src', RELOAD_SCRIPT_HASH);
  widen('connect-src', "'self'");
  return directives.map((d) => d.join(' ')).join('; ');
}

function unescapeAttribute(value: string): string {
  return value.replace(/&(#39|#x27|quot|lt|gt|amp);/gi, (_, name: string) =>
    ({ '#39': "'", '#x27': "'", quot: '"', lt: '<', gt: '>', amp: '&' })[name.toLowerCase()] ?? _,
  );
}

/** The served copy of a built page: its CSP meta adjusted and the reload script injected. */
export function injectReload(html: string, build: string): string {
  const adjusted = html.replace(/<meta\b[^>]*>/gi, (tag) => {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) return tag;
    return tag.replace(/(\bcontent\s*=\s*)(["'])([\s\S]*?)\2/i, (_, prefix: string, quote: string, value: string) => {
      return `${prefix}${quote}${escapeHtml(previewCsp(unescapeAttribute(value)))}${quote}`;
    });
  });
  const snippet = `<meta name="bulletin-preview-build" content="${escapeHtml(build)}"><script>${RELOAD_SCRIPT}</script>`;
  const at = adjusted.search(/<\/body\s*>/i);
  return at >= 0 ? adjusted.slice(0, at) + snippet + adjusted.slice(at) : adjusted + snippet;
}

const PAGE_STYLE = `
body { font-family: "bulletin-body", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.6; }
h1 { color: #c00; border-bottom: 2px solid #c00; padding-bottom: .5rem; font-size: 1.5rem; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #ddd; }
.ok { color: #080; } .bad { color: #c00; } .warn { color: #a60; }
ol { padding-left: 1.5rem; } li { margin-bottom: .8rem; }
code, .place { font-family: ui-monospace, monospace; }
.hint { color: #555; } .rule { color: #777; font-size: .9em; }
pre { white-space: pre-wrap; background: #fff4f4; padding: .8rem; border-left: 3px solid #c00; }
footer { margin-top: 2rem; color: #777; font-size: .9em; }`;

const PAGE_FOOTER = 'bulletin preview：保存源文件、模板或配置后自动重新构建并刷新。';

function page(title: string, body: string, build: string, fonts?: FontsFor): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(OWN_CSP)}">
<title>${escapeHtml(title)}</title>
<style>${fonts ? fonts(title + body + PAGE_FOOTER) : ''}${PAGE_STYLE}</style>
</head>
<body>
${body}
<footer>${PAGE_FOOTER}</footer>
<meta name="bulletin-preview-build" content="${escapeHtml(build)}"><script>${RELOAD_SCRIPT}</script>
</body>
</html>
`;
}

const LABEL = SEVERITY_LABELS.zh;

function placeOf(m: VFileMessage): string {
  return m.line ? `${m.line}:${m.column ?? 1}` : '';
}

function messagesHtml(file: VFile): string {
  const items = [...file.messages].sort(compareMessages).map((m) => {
    const severity = severityOf(m);
    const place = placeOf(m);
    return (
      `<li class="${severity === 'error' ? 'bad' : 'warn'}">` +
      `<span class="place">${escapeHtml(place ? `第 ${place.replace(':', ' 行第 ')} 列（${place}）` : '（无位置）')}</span> ` +
      `<strong>${LABEL[severity]}</strong>：${escapeHtml(m.reason)} <span class="rule">${escapeHtml(m.ruleId ?? '')}</span>` +
      (m.note ? `<br><span class="hint">提示：${escapeHtml(m.note)}</span>` : '') +
      `</li>`
    );
  });
  return `<h2><code>${escapeHtml(file.path)}</code></h2>\n<ol>\n${items.join('\n')}\n</ol>`;
}

/** The page shown instead of a stale one while a source (or the config) has errors. */
export function errorPage(files: VFile[], failure: string | undefined, build: string, fonts?: FontsFor): string {
  const errors = files.flatMap((f) => f.messages).filter((m) => m.fatal === true).length;
  const heading = errors ? `无法生成预览：${errors} 个错误` : '无法生成预览';
  const body = [
    `<h1>${escapeHtml(heading)}</h1>`,
    '<p>改正下列问题并保存，页面会自动刷新。</p>',
    failure ? `<pre>${escapeHtml(failure)}</pre>` : '',
    ...files.filter((f) => f.messages.length > 0).map(messagesHtml),
    '<p><a href="/">返回预览目录</a></p>',
  ];
  return page(heading, body.filter(Boolean).join('\n'), build, fonts);
}

export interface IndexRow {
  source: string;
  /** "2021年第64期（总第230期）", when known. */
  label?: string;
  href: string;
  pdfHref?: string;
  errors: number;
  warnings: number;
}

/** The preview's own index at "/": every issue being previewed, with its state. */
export function indexPage(title: string, rows: IndexRow[], problems: { files: VFile[]; failure?: string }, build: string, fonts?: FontsFor): string {
  const list = rows.map((r) => {
    const state = r.errors
      ? `<span class="bad">✗ ${r.errors} 个错误</span>`
      : `<span class="ok">✓</span>${r.warnings ? ` <span class="warn">${r.warnings} 个警告</span>` : ''}`;
    const links = `<a href="${escapeHtml(r.href)}">${r.errors ? '查看错误' : 'HTML'}</a>${r.pdfHref && !r.errors ? ` <a href="${escapeHtml(r.pdfHref)}">PDF</a>` : ''}`;
    return `<tr><td>${escapeHtml(r.label ?? '')}</td><td><code>${escapeHtml(r.source)}</code></td><td>${state}</td><td>${links}</td></tr>`;
  });
  const body = [
    `<h1>${escapeHtml(title)}（预览）</h1>`,
    problems.failure ? `<pre>${escapeHtml(problems.failure)}</pre>` : '',
    ...problems.files.filter((f) => f.messages.length > 0).map(messagesHtml),
    rows.length
      ? `<table>\n<thead><tr><th>期次</th><th>源文件</th><th>状态</th><th>打开</th></tr></thead>\n<tbody>\n${list.join('\n')}\n</tbody>\n</table>`
      : '<p>没有可预览的源文件。</p>',
  ];
  return page(`${title}（预览）`, body.filter(Boolean).join('\n'), build, fonts);
}
