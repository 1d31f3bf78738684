import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { compareMessages } from '../diagnostics/format.js';
import { SEVERITY_LABELS, severityOf } from '../diagnostics/report.js';
import { escapeHtml } from '../pipeline/render.js';
import { translate } from '../catalogue.js';
import type { Lang } from '../diagnostics/rules.js';

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

/** Every text of the preview's own pages and of the panel over an issue, in both languages. */
export const PAGE_TEXTS = {
  zh: {
    footer: 'bulletin preview：保存源文件、模板或配置后自动重新构建并刷新。',
    place: (line: string, column: string) => `第 ${line} 行第 ${column} 列（${line}:${column}）`,
    noPlace: '（无位置）',
    hint: '提示：',
    cannot: (errors: number) => (errors ? `无法生成预览：${errors} 个错误` : '无法生成预览'),
    fixAndSave: '改正下列问题并保存，页面会自动刷新。',
    back: '返回预览目录',
    errors: (n: number) => `${n} 个错误`,
    warnings: (n: number) => `${n} 个警告`,
    showErrors: '查看错误',
    index: (title: string) => `${title}（预览）`,
    head: ['期次', '源文件', '状态', '打开'],
    none: '没有可预览的源文件。',
    panel: '预览诊断',
    draft: (n: number) => `草稿：还有 ${n} 处【待补】（发布前须补全）`,
    label: (year: string, issue: number, total: number) => `${year}年第${issue}期（总第${total}期）`,
    server: {
      failed: '预览服务器内部错误。',
      method: '只支持 GET 和 HEAD。',
      host: '只接受发往本机地址或 --allow-host 所列名称的请求。',
      path: '请求的路径无效。',
      notFound: (pathname: string) => `找不到 ${pathname}`,
    },
  },
  en: {
    footer: 'bulletin preview: saving a source, a template or the config rebuilds and reloads.',
    place: (line: string, column: string) => `line ${line}, column ${column} (${line}:${column})`,
    noPlace: '(no place)',
    hint: 'hint: ',
    cannot: (errors: number) => (errors ? `No preview: ${errors} error${errors === 1 ? '' : 's'}` : 'No preview'),
    fixAndSave: 'Correct what is listed below and save; the page reloads.',
    back: 'Back to the preview index',
    errors: (n: number) => `${n} error${n === 1 ? '' : 's'}`,
    warnings: (n: number) => `${n} warning${n === 1 ? '' : 's'}`,
    showErrors: 'see the errors',
    index: (title: string) => `${title} (preview)`,
    head: ['Issue', 'Source', 'State', 'Open'],
    none: 'No sources to preview.',
    panel: 'Preview diagnostics',
    draft: (n: number) => `Draft: ${n} 【待补】 still to fill in before publishing`,
    label: (year: string, issue: number, total: number) => `${year}, issue ${issue} (running number ${total})`,
    server: {
      failed: 'The preview server failed.',
      method: 'Only GET and HEAD are served.',
      host: "Only requests to this machine's addresses or to the names given by --allow-host are answered.",
      path: 'The requested path is not valid.',
      notFound: (pathname: string) => `${pathname} was not found`,
    },
  },
} satisfies Record<Lang, unknown>;

function page(title: string, body: string, build: string, fonts: FontsFor | undefined, lang: Lang): string {
  const footer = PAGE_TEXTS[lang].footer;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(OWN_CSP)}">
<title>${escapeHtml(title)}</title>
<style>${fonts ? fonts(title + body + footer) : ''}${PAGE_STYLE}</style>
</head>
<body>
${body}
<footer>${footer}</footer>
<meta name="bulletin-preview-build" content="${escapeHtml(build)}"><script>${RELOAD_SCRIPT}</script>
</body>
</html>
`;
}


function placeOf(m: VFileMessage): string {
  return m.line ? `${m.line}:${m.column ?? 1}` : '';
}

function messagesHtml(file: VFile, lang: Lang): string {
  const t = PAGE_TEXTS[lang];
  const items = [...file.messages].sort(compareMessages).map((m) => {
    const severity = severityOf(m);
    const said = translate(m, lang);
    return (
      `<li class="${severity === 'error' ? 'bad' : 'warn'}">` +
      `<span class="place">${escapeHtml(m.line ? t.place(String(m.line), String(m.column ?? 1)) : t.noPlace)}</span> ` +
      `<strong>${SEVERITY_LABELS[lang][severity]}</strong>${lang === 'zh' ? '：' : ': '}${escapeHtml(said.text)} <span class="rule">${escapeHtml(m.ruleId ?? '')}</span>` +
      (said.hint ? `<br><span class="hint">${t.hint}${escapeHtml(said.hint)}</span>` : '') +
      `</li>`
    );
  });
  return `<h2><code>${escapeHtml(file.path)}</code></h2>\n<ol>\n${items.join('\n')}\n</ol>`;
}

/** The page shown instead of a stale one while a source (or the config) has errors. */
export function errorPage(files: VFile[], failure: string | undefined, build: string, fonts?: FontsFor, lang: Lang = 'zh'): string {
  const t = PAGE_TEXTS[lang];
  const errors = files.flatMap((f) => f.messages).filter((m) => m.fatal === true).length;
  const heading = t.cannot(errors);
  const body = [
    `<h1>${escapeHtml(heading)}</h1>`,
    `<p>${t.fixAndSave}</p>`,
    failure ? `<pre>${escapeHtml(failure)}</pre>` : '',
    ...files.filter((f) => f.messages.length > 0).map((f) => messagesHtml(f, lang)),
    `<p><a href="/">${t.back}</a></p>`,
  ];
  return page(heading, body.filter(Boolean).join('\n'), build, fonts, lang);
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
export function indexPage(title: string, rows: IndexRow[], problems: { files: VFile[]; failure?: string }, build: string, fonts?: FontsFor, lang: Lang = 'zh'): string {
  const t = PAGE_TEXTS[lang];
  const list = rows.map((r) => {
    const state = r.errors
      ? `<span class="bad">✗ ${t.errors(r.errors)}</span>`
      : `<span class="ok">✓</span>${r.warnings ? ` <span class="warn">${t.warnings(r.warnings)}</span>` : ''}`;
    const links = `<a href="${escapeHtml(r.href)}">${r.errors ? t.showErrors : 'HTML'}</a>${r.pdfHref && !r.errors ? ` <a href="${escapeHtml(r.pdfHref)}">PDF</a>` : ''}`;
    return `<tr><td>${escapeHtml(r.label ?? '')}</td><td><code>${escapeHtml(r.source)}</code></td><td>${state}</td><td>${links}</td></tr>`;
  });
  const body = [
    `<h1>${escapeHtml(t.index(title))}</h1>`,
    problems.failure ? `<pre>${escapeHtml(problems.failure)}</pre>` : '',
    ...problems.files.filter((f) => f.messages.length > 0).map((f) => messagesHtml(f, lang)),
    rows.length
      ? `<table>\n<thead><tr>${t.head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>\n<tbody>\n${list.join('\n')}\n</tbody>\n</table>`
      : `<p>${t.none}</p>`,
  ];
  return page(t.index(title), body.filter(Boolean).join('\n'), build, fonts, lang);
}

/** The placeholder `bulletin new` writes and check reports (placeholder rule). */
const PENDING = '【待补】';

const OVERLAY_STYLE =
  'position:fixed;right:12px;bottom:12px;z-index:10;max-width:min(32rem,calc(100vw - 24px));max-height:45vh;overflow:auto;' +
  'background:#fffdf5;color:#222;border:2px solid #a60;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.25);' +
  'font:15px/1.6 system-ui,sans-serif;letter-spacing:0;text-align:left;text-indent:0;padding:.6rem .9rem';

/**
 * The served copy of an issue page that has warnings (a draft's 【待补】 among them): each
 * 【待补】 of its text marked, and its diagnostics in a panel over the page. Only the preview
 * shows these; the built file is untouched.
 */
export function withDiagnostics(html: string, file: VFile, lang: Lang = 'zh'): string {
  const t = PAGE_TEXTS[lang];
  if (file.messages.length === 0) return html;
  const start = html.search(/<body\b[^>]*>/i);
  const end = html.search(/<\/body\s*>/i);
  if (start < 0 || end < 0) return html;
  // Only text between tags: never an attribute, a script or a style.
  const body = html.slice(start, end).replace(/(<(script|style)\b[\s\S]*?<\/\2>)|>([^<]*)</gi, (whole, skipped: string | undefined, _tag, text: string | undefined) =>
    skipped !== undefined || text === undefined ? whole : `>${text.split(PENDING).join(`<mark class="bulletin-pending" style="background:#ffe066;color:inherit">${PENDING}</mark>`)}<`,
  );
  const items = [...file.messages].sort(compareMessages).map((m) => {
    const place = placeOf(m);
    return `<li><strong style="color:${m.fatal ? '#c00' : '#a60'}">${SEVERITY_LABELS[lang][severityOf(m)]}</strong> ${escapeHtml(place ? `${place} ` : '')}${escapeHtml(translate(m, lang).text)}</li>`;
  });
  const drafts = file.messages.filter((m) => m.ruleId === 'placeholder').length;
  const heading = drafts ? t.draft(drafts) : t.warnings(file.messages.length);
  const overlay =
    `<aside class="bulletin-preview-overlay"${lang === 'en' ? ' lang="en"' : ''} aria-label="${t.panel}" style="${OVERLAY_STYLE}">` +
    `<p style="margin:0 0 .3rem;text-indent:0;font-weight:bold">${escapeHtml(heading)}</p>` +
    `<p style="margin:0 0 .3rem;text-indent:0"><code style="font-family:ui-monospace,monospace">${escapeHtml(file.path)}</code></p>` +
    `<ol style="margin:0;padding-left:1.4rem">${items.join('')}</ol></aside>`;
  return html.slice(0, start) + body + overlay + html.slice(end);
}
