/**
 * The templates' sandbox. A project's templates/ are data, not code: nunjucks compiles a template
 * to JavaScript that looks values up through its runtime (`memberLookup` for `a.b` and `a[b]`,
 * `contextOrFrameLookup` for a bare name), and those lookups reach anything JavaScript can:
 * `{{ range.constructor("return process")() }}` ran code. Here a template sees only its data:
 *
 * - a name is looked up among the template's own variables, the render's context and nunjucks'
 *   globals (range, cycler, joiner) as own properties only, never the prototypes of Object;
 * - a member is an own property of a plain object or array, an index or `length` of a string, or
 *   one of the read-only string and array methods listed below; never a property of a function,
 *   never `constructor`, `__proto__`, `prototype` or the like;
 * - the compiled template is checked before it runs: a name or a literal member among those
 *   refused is an error at its line, and so is an access refused while rendering.
 *
 * Measured against the alternatives (docs/security.md): a separate `vm` context still shares the
 * data's and the filters' prototypes with the main realm unless every value is copied in, and an
 * engine built for untrusted templates (LiquidJS) would break every project's nunjucks overrides;
 * rendering demo 064's page takes 1.38 ms sandboxed against 1.21–1.58 ms with nunjucks' own
 * lookups (200 renders each, within the noise), and the built-in templates' output is byte for byte the same.
 */
import nunjucks from 'nunjucks';
import { transform } from 'nunjucks/src/transformer.js';

/** The error a refused access throws; nunjucks adds the template's path, line and column. */
export class TemplateSandboxError extends Error {
  override name = 'TemplateSandbox';
}

type NunjucksError = Error & { Update(path: string): NunjucksError; lineno?: number };
const { lib } = nunjucks as unknown as { lib: { TemplateError: new (message: Error | string, lineno?: number, colno?: number) => NunjucksError } };

/** Names that lead from data to code: never looked up, as a name or a member. */
const REFUSED = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
]);

/** Methods of strings, numbers and arrays a template may call: they read, copy or format; none mutates data or reaches code. */
const METHODS = new Set([
  'at', 'charAt', 'concat', 'endsWith', 'includes', 'indexOf', 'join', 'lastIndexOf', 'padEnd', 'padStart',
  'replace', 'replaceAll', 'slice', 'split', 'startsWith', 'substring', 'toLowerCase', 'toUpperCase',
  'toString', 'trim', 'trimEnd', 'trimStart', 'toFixed', 'every', 'some', 'filter', 'find', 'findIndex', 'map',
]);

/** Throws the refusal as nunjucks' own error at the place the compiled lookup gives, which nunjucks keeps and names its template in. */
const refuse = (name: unknown, line?: number, column?: number): never => {
  throw new lib.TemplateError(new TemplateSandboxError(String(name)), line, column);
};

type Runtime = typeof nunjucks.runtime & {
  memberLookup(obj: unknown, key: unknown): unknown;
  contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
};
const runtime = nunjucks.runtime as Runtime;

/** `obj[key]` as a template may have it, or a sandbox error. */
export function memberLookup(obj: unknown, key: unknown, line?: number, column?: number): unknown {
  if (obj === undefined || obj === null) return undefined;
  const name = String(key);
  if (REFUSED.has(name) || typeof obj === 'function' || typeof key === 'symbol') return refuse(name, line, column);
  const primitive = typeof obj === 'string' || typeof obj === 'number' || obj instanceof String;
  if (primitive || Array.isArray(obj)) {
    if (Object.hasOwn(Object(obj), name) || METHODS.has(name)) return runtime.memberLookup(obj, name);
    return undefined;
  }
  if (typeof obj !== 'object') return undefined;
  return Object.hasOwn(obj, name) ? runtime.memberLookup(obj, name) : undefined;
}

interface FrameLike {
  variables: Record<string, unknown>;
  parent?: FrameLike | null;
}
interface ContextLike {
  ctx: Record<string, unknown>;
  env: { globals: Record<string, unknown> };
}

/** A bare name: the innermost frame that holds it, else the context, else a global; own properties only. */
export function contextOrFrameLookup(context: ContextLike, frame: FrameLike, name: string, line?: number, column?: number): unknown {
  if (REFUSED.has(name)) return refuse(name, line, column);
  for (let f: FrameLike | null | undefined = frame; f; f = f.parent) {
    if (Object.hasOwn(f.variables, name) && f.variables[name] !== undefined) return f.variables[name];
  }
  if (Object.hasOwn(context.ctx, name)) return context.ctx[name];
  return Object.hasOwn(context.env.globals, name) ? context.env.globals[name] : undefined;
}

/** The runtime the sandboxed templates run with: nunjucks' own with the two lookups replaced. */
const sandboxRuntime: Runtime = Object.assign(Object.create(runtime) as Runtime, { memberLookup, contextOrFrameLookup });

type RenderFunction = (env: unknown, context: unknown, frame: unknown, runtime: unknown, cb: unknown) => unknown;

/** A compiled template's functions (root and its blocks), each given the sandbox's runtime instead of nunjucks'. */
export function sandboxed(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    const fn = value as RenderFunction;
    out[key] = typeof value === 'function' ? (env: unknown, context: unknown, frame: unknown, _runtime: unknown, cb: unknown) => fn(env, context, frame, sandboxRuntime, cb) : value;
  }
  return out;
}

interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  value?: unknown;
  fields?: string[];
  children?: unknown[];
  [field: string]: unknown;
}

/** A template's source refused before it is compiled: a name or a literal member among the refused. */
export class TemplateCheckError extends Error {
  constructor(
    readonly member: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`TemplateSandbox: ${member}`);
  }
}

interface CompilerInstance {
  compile(ast: unknown): void;
  getCode(): string;
  compileLookupVal(node: AstNode, frame: unknown): void;
  compileSymbol(node: AstNode, frame: { lookup(name: string): string | undefined }): void;
  _emit(code: string): void;
  _compileExpression(node: unknown, frame: unknown): void;
}
const { parser, nodes, compiler } = nunjucks as unknown as {
  parser: { parse(src: string, extensions: unknown[], options: object): AstNode };
  nodes: { Node: new () => AstNode };
  compiler: { Compiler: new (name: string, throwOnUndefined: boolean) => CompilerInstance };
};

/** Throws TemplateCheckError at the first refused name or literal member of the template. */
function check(ast: AstNode): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!(node instanceof nodes.Node)) return;
    const n = node;
    // A bare name the compiler would find on Object.prototype (toString, …) it would print as code.
    const symbol = n.typename === 'Symbol' && typeof n.value === 'string' && n.value in Object.prototype;
    const name =
      n.typename === 'Symbol' ? n.value : n.typename === 'LookupVal' && (n.val as AstNode | undefined)?.typename === 'Literal' ? (n.val as AstNode).value : undefined;
    if (typeof name === 'string' && (symbol || REFUSED.has(name) || name.startsWith('__'))) throw new TemplateCheckError(name, n.lineno + 1, n.colno + 1);
    for (const field of n.fields ?? []) visit(n[field]);
    if (n.children) visit(n.children);
  };
  visit(ast);
}

/**
 * nunjucks' compile, checked first (check) and with every lookup given its place in the
 * template, so a refusal while rendering names the line and column of the lookup itself.
 */
export function compileSandboxed(src: string, name: string, options: { throwOnUndefined?: boolean }): string {
  const ast = parser.parse(src, [], options);
  check(ast);
  const c = new compiler.Compiler(name, options.throwOnUndefined === true);
  const at = (node: AstNode) => `${node.lineno + 1}, ${node.colno + 1}`;
  c.compileLookupVal = function (node, frame) {
    this._emit('runtime.memberLookup((');
    this._compileExpression(node.target, frame);
    this._emit('),');
    this._compileExpression(node.val, frame);
    this._emit(`, ${at(node)})`);
  };
  c.compileSymbol = function (node, frame) {
    const known = frame.lookup(String(node.value));
    this._emit(known ? known : `runtime.contextOrFrameLookup(context, frame, ${JSON.stringify(node.value)}, ${at(node)})`);
  };
  c.compile(transform(ast, [], name));
  return c.getCode();
}

