// nunjucks' AST transformer (src/transformer.js), which its index does not export: the sandbox
// compiles a template from its own parse (templateSandbox.ts), checked before it is compiled.
declare module 'nunjucks/src/transformer.js' {
  export function transform(ast: unknown, asyncFilters: string[], name: string): unknown;
}
