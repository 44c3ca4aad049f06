#!/usr/bin/env node
// The response of every HTTP operation of the services, read from the code:
// @nestjs/swagger sees decorators, not TypeScript types, so the services'
// OpenAPI documents say nothing of what an operation answers. This walks each
// controller (apps/<service>/src/**/*.controller.ts) with the TypeScript
// checker: the route (@Controller prefix + @Get/@Post/... path), the declared
// or inferred return type (Promise unwrapped; void: no body) turned into JSON
// Schema (OpenAPI 3.0 dialect), and the media type (@Header or @ApiProduces,
// the type a handler that writes its own reply sets, or the path's extension).
// The gateway attaches these to the aggregated document (apps/gateway/src/openapi).
//
//   node tools/openapi/generate.mjs   regenerate libs/contracts/src/generated/api-responses.ts
//
// `npm run contracts:generate` / `contracts:check` run it with the proto
// contracts (tools/scripts/generate-contracts.mjs), so a stale file fails the check.
// Output is deterministic (sorted keys, no timestamps).
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const API_RESPONSES_FILE = 'api-responses.ts';
/** Apps whose routes are not the public API: the site renders pages, the gateway fronts the rest. */
const NOT_API = new Set(['web', 'gateway']);
const HTTP = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE' };
/** A handler writing its own reply: the type is read from what it sends, else from these. */
const EXTENSION_TYPES = {
  csv: 'text/csv',
  ics: 'text/calendar',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  zip: 'application/zip',
};
/** Types sent as bytes, whatever their structure. */
const BINARY = new Set(['Buffer', 'Uint8Array', 'StreamableFile', 'Readable', 'ReadStream']);
/**
 * Handlers that write JSON no TypeScript type describes (any JSON, `{}`); any
 * other handler writing its own reply must show what it sends (see sentType).
 */
const UNTYPED_JSON = {
  'surveys GET /surveys/{id}/answers.json': 'each answer is made by the PostgreSQL query',
};
/** Schemas named in the output besides the responses: the error body of every operation. */
const EXTRA = [{ file: 'libs/service-kit/src/problem.ts', name: 'Problem' }];

export class ApiResponsesError extends Error {}

function fail(message) {
  throw new ApiResponsesError(message);
}

function controllers() {
  const files = [];
  for (const app of readdirSync(join(root, 'apps')).sort()) {
    if (NOT_API.has(app)) continue;
    const src = join(root, 'apps', app, 'src');
    let entries;
    try {
      entries = readdirSync(src, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isFile() && e.name.endsWith('.controller.ts'))
        files.push({ app, file: join(e.parentPath ?? e.path, e.name) });
    }
  }
  return files.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function program(files) {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.base.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(String(d.messageText)) },
  );
  return ts.createProgram(files, { ...config.options, noEmit: true });
}

/** `@Name(args)` decorators of a node: name → the arguments of the first, and of all in `.all`. */
function decorators(node) {
  const found = new Map();
  found.all = new Map();
  for (const d of ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []) {
    if (!ts.isCallExpression(d.expression)) continue;
    const callee = d.expression.expression;
    if (!ts.isIdentifier(callee)) continue;
    if (!found.has(callee.text)) found.set(callee.text, d.expression.arguments);
    found.all.set(callee.text, [...(found.all.get(callee.text) ?? []), d.expression.arguments]);
  }
  return found;
}

function literal(arg, where) {
  if (arg === undefined) return undefined;
  if (ts.isStringLiteralLike(arg)) return arg.text;
  if (ts.isNumericLiteral(arg)) return Number(arg.text);
  if (ts.isObjectLiteralExpression(arg)) {
    const path = arg.properties.find((p) => p.name?.getText() === 'path');
    if (!path) return undefined;
    return literal(path.initializer, where);
  }
  fail(`${where}: expected a literal, found ${arg.getText()}`);
}

/** `surveys/:id` + `answers` → `/surveys/{id}/answers`, as @nestjs/swagger writes it (no trailing slash). */
function routePath(prefix, path) {
  const joined = `/${prefix ?? ''}/${path ?? ''}`
    .replace(/\/+/g, '/')
    .replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Converts checker types to JSON Schema (OpenAPI 3.0: `nullable`, no type arrays). */
class SchemaWriter {
  constructor(checker) {
    this.checker = checker;
    this.schemas = new Map(); // name → schema
    this.names = new Map(); // type id (declaration + arguments) → name
  }

  /** A named type declared in the workspace (interface, class, object type alias). */
  nameOf(type) {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol || symbol.flags & ts.SymbolFlags.TypeLiteral) return undefined;
    if (
      !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias))
    )
      return undefined;
    const decl = symbol.declarations?.[0];
    if (!decl || decl.getSourceFile().fileName.includes('node_modules')) return undefined;
    const args = type.aliasSymbol ? type.aliasTypeArguments : this.checker.getTypeArguments?.(type);
    const suffix = (args ?? []).map((a) => this.checker.typeToString(a)).join('_');
    // A service's own types are named after it, like its DTOs in the aggregated document.
    const app = /\/apps\/([^/]+)\//.exec(decl.getSourceFile().fileName)?.[1];
    const base =
      `${app ? `${app}.` : ''}${suffix ? `${symbol.name}_${suffix}` : symbol.name}`.replace(
        /[^A-Za-z0-9_.-]/g,
        '',
      );
    const key = `${decl.getSourceFile().fileName}:${decl.pos}:${suffix}`;
    return { key, base };
  }

  ref(type, where) {
    const named = this.nameOf(type);
    if (!named) return this.inline(type, where);
    let name = this.names.get(named.key);
    if (!name) {
      name = named.base;
      for (let i = 2; [...this.names.values()].includes(name); i++) name = `${named.base}${i}`;
      this.names.set(named.key, name);
      this.schemas.set(name, {}); // placeholder: a recursive type refers to itself
      this.schemas.set(name, this.inline(type, `${where} → ${name}`));
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  inline(type, where) {
    const c = this.checker;
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
    if (f & ts.TypeFlags.NumberLiteral)
      return { type: Number.isInteger(type.value) ? 'integer' : 'number', enum: [type.value] };
    if (f & ts.TypeFlags.BooleanLiteral)
      return { type: 'boolean', enum: [type.intrinsicName === 'true'] };
    if (f & ts.TypeFlags.StringLike) return { type: 'string' };
    if (f & ts.TypeFlags.NumberLike) return { type: 'number' };
    if (f & ts.TypeFlags.BigIntLike) return { type: 'string', pattern: '^-?[0-9]+$' };
    if (f & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { nullable: true };
    if (f & ts.TypeFlags.NonPrimitive) return { type: 'object' };
    if (type.isUnion()) return this.union(type.types, where);
    if (type.isIntersection()) return this.object(type, where);
    if (f & ts.TypeFlags.Object) {
      const name = type.getSymbol()?.name;
      if (name === 'Date') return { type: 'string', format: 'date-time' };
      if (BINARY.has(name)) return { type: 'string', format: 'binary' };
      if (c.isArrayType(type) || c.isTupleType(type)) {
        const args = c.getTypeArguments(type);
        const items = args.length === 1 ? this.ref(args[0], where) : this.union(args, where, true);
        return c.isTupleType(type)
          ? { type: 'array', items, minItems: args.length, maxItems: args.length }
          : { type: 'array', items };
      }
      return this.object(type, where);
    }
    fail(`${where}: no JSON Schema for the type ${c.typeToString(type)}`);
  }

  union(types, where, keepUndefined = false) {
    const c = this.checker;
    const members = types.filter(
      (t) => keepUndefined || !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
    );
    const nullable = members.some((t) => t.flags & ts.TypeFlags.Null);
    const rest = members.filter((t) => !(t.flags & ts.TypeFlags.Null));
    let schema;
    const bools = rest.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const others = rest.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    const parts = [];
    if (bools.length === 2) parts.push({ type: 'boolean' });
    else if (bools.length === 1) parts.push(this.inline(bools[0], where));
    const strings = others.filter((t) => t.flags & ts.TypeFlags.StringLiteral);
    if (strings.length) parts.push({ type: 'string', enum: strings.map((t) => t.value).sort() });
    const numbers = others.filter((t) => t.flags & ts.TypeFlags.NumberLiteral);
    if (numbers.length) {
      const values = numbers.map((t) => t.value).sort((a, b) => a - b);
      parts.push({ type: values.every(Number.isInteger) ? 'integer' : 'number', enum: values });
    }
    for (const t of others) {
      if (t.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral)) continue;
      parts.push(this.ref(t, where));
    }
    // A plain type absorbs its literals (string | 'a' is string).
    const plain = new Set(parts.filter((p) => p.type && !p.enum).map((p) => p.type));
    const kept = parts.filter((p) => !(p.enum && plain.has(p.type)));
    if (kept.length === 0) schema = {};
    else if (kept.length === 1) schema = kept[0];
    else schema = { anyOf: kept };
    if (!nullable) return schema;
    if (schema.$ref || schema.anyOf) return { allOf: [schema], nullable: true };
    if (Object.keys(schema).length === 0) return { nullable: true };
    return { ...schema, nullable: true };
  }

  object(type, where) {
    const c = this.checker;
    const properties = {};
    const required = [];
    for (const p of c.getPropertiesOfType(type)) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const t = decl ? c.getTypeOfSymbolAtLocation(p, decl) : c.getTypeOfSymbol(p);
      if (t.getCallSignatures().length > 0) continue; // methods are not serialized
      if (p.name.startsWith('__')) continue;
      const optional =
        (p.flags & ts.SymbolFlags.Optional) !== 0 ||
        (t.isUnion() &&
          t.types.some((m) => m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
      const schema = this.ref(t, `${where}.${p.name}`);
      const doc = ts.displayPartsToString(p.getDocumentationComment(c)).trim();
      properties[p.name] = doc && !schema.$ref ? { ...schema, description: doc } : schema;
      if (!optional) required.push(p.name);
    }
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    const index = c.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index) {
      const value =
        index.type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)
          ? true
          : this.ref(index.type, `${where}[]`);
      schema.additionalProperties = value;
    }
    return schema;
  }
}

/** The media type a handler answers with, when it is not JSON or when it writes its own reply. */
function mediaType(method, decos, path, manual) {
  const header = (decos.all.get('Header') ?? []).find((h) =>
    /^content-type$/i.test(literal(h[0], path)),
  );
  if (header) return literal(header[1], path).split(';')[0].trim();
  const produces = decos.get('ApiProduces');
  if (produces) return literal(produces[0], path);
  if (!manual) return undefined;
  const body = method.body?.getText() ?? '';
  const set =
    /\.type\(\s*['"]([^'"]+)['"]/.exec(body) ??
    /['"]content-type['"]\s*,\s*['"]([^'"]+)['"]/i.exec(body);
  if (set) return set[1].split(';')[0].trim();
  const ext = /\.([a-z]+)$/.exec(path)?.[1];
  return ext ? EXTENSION_TYPES[ext] : undefined;
}

const calleeName = (call) =>
  ts.isPropertyAccessExpression(call.expression)
    ? call.expression.name.text
    : ts.isIdentifier(call.expression)
      ? call.expression.text
      : '';

const isObject = (t) =>
  (t.flags & ts.TypeFlags.Object) !== 0 ||
  ((t.isUnion() || t.isIntersection()) && t.types.some((m) => m.flags & ts.TypeFlags.Object));

/** Calls in a function's body, not in nested declarations of other functions. */
function calls(fn) {
  const found = [];
  const visit = (node) => {
    if (ts.isCallExpression(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/**
 * For a handler that writes its own reply, the type of what it sends when the
 * code shows it: an object given to `send`, or the value a `render…` helper
 * serializes (its object argument, or what its loader callback resolves to),
 * in the handler or in a workspace function it calls (pre-rendered, cached JSON).
 */
function sentType(checker, method, depth = 0) {
  const typeOf = (node) => checker.getTypeAtLocation(node);
  for (const call of calls(method)) {
    const name = calleeName(call);
    if (
      (name === 'send' || name === 'stringify') &&
      call.arguments.length >= 1 &&
      isObject(typeOf(call.arguments[0]))
    )
      return typeOf(call.arguments[0]);
    if (!/^render/.test(name)) continue;
    const loader = [...call.arguments]
      .reverse()
      .find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
    if (loader) {
      const sig = checker.getSignatureFromDeclaration(loader);
      const t = checker.getAwaitedType(checker.getReturnTypeOfSignature(sig));
      if (isObject(t)) return t;
    }
    const value = call.arguments.find((a) => isObject(typeOf(a)));
    if (value) return typeOf(value);
  }
  if (depth >= 2) return undefined;
  for (const call of calls(method)) {
    const decl = checker.getResolvedSignature(call)?.declaration;
    if (!decl || !decl.body || decl.getSourceFile().fileName.includes('node_modules')) continue;
    if (!(ts.isMethodDeclaration(decl) || ts.isFunctionDeclaration(decl))) continue;
    const t = sentType(checker, decl, depth + 1);
    if (t) return t;
  }
  return undefined;
}

export function collectApiResponses() {
  const files = controllers();
  const prog = program(files.map((f) => f.file));
  const checker = prog.getTypeChecker();
  const writer = new SchemaWriter(checker);
  const operations = {};
  const unknown = [];
  for (const { app, file } of files) {
    const source = prog.getSourceFile(file);
    for (const cls of source.statements.filter(ts.isClassDeclaration)) {
      const controller = decorators(cls).get('Controller');
      if (!controller) continue;
      const prefix = literal(controller[0], relative(root, file));
      for (const method of cls.members.filter(ts.isMethodDeclaration)) {
        const decos = decorators(method);
        for (const [deco, verb] of Object.entries(HTTP)) {
          if (!decos.has(deco)) continue;
          const where = `${relative(root, file).split(sep).join('/')} ${method.name.getText()}`;
          const arg = decos.get(deco)[0];
          const paths =
            arg && ts.isArrayLiteralExpression(arg)
              ? arg.elements.map((e) => literal(e, where))
              : [literal(arg, where)];
          const manual = method.parameters.some((p) => {
            const res = decorators(p).get('Res') ?? decorators(p).get('Response');
            return res && !(res[0] && /passthrough:\s*true/.test(res[0].getText()));
          });
          const signature = checker.getSignatureFromDeclaration(method);
          let type = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
          // A handler writing its own reply, or answering `any` (parsed JSON): what it serializes.
          if (manual || type.flags & ts.TypeFlags.Any) type = sentType(checker, method) ?? type;
          for (const p of paths) {
            const path = routePath(prefix, p);
            const key = `${app} ${verb} ${path}`;
            const media = mediaType(method, decos, path, manual);
            const json = !media || /[/+]json$/.test(media);
            let response = {}; // no body
            if (!json) {
              // CSV, iCalendar, HTML, zip: text or bytes, whatever the code builds them from.
              response = {
                mediaType: media,
                schema: /^text\//.test(media)
                  ? { type: 'string' }
                  : { type: 'string', format: 'binary' },
              };
            } else if (type && !(type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined))) {
              response = {
                mediaType: media ?? 'application/json',
                schema: writer.ref(type, where),
              };
            } else if (UNTYPED_JSON[key]) {
              response = { mediaType: media ?? 'application/json', schema: {} };
            } else if (manual) {
              unknown.push(`${key} (${where})`);
            }
            // The status Nest answers with unless the handler sets another.
            response.status =
              literal(decos.get('HttpCode')?.[0], where) ?? (verb === 'POST' ? 201 : 200);
            operations[key] = response;
          }
        }
      }
    }
  }
  for (const { file, name } of EXTRA) {
    const source = prog.getSourceFile(join(root, file)) ?? fail(`${file} is not in the program`);
    const decl = source.statements.find(
      (s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name,
    );
    if (!decl) fail(`${file}: no ${name}`);
    writer.ref(checker.getTypeAtLocation(decl.name), `${file} ${name}`);
  }
  if (unknown.length) fail(`cannot tell what these handlers answer: ${unknown.join(', ')}`);
  return {
    operations: sortKeys(operations),
    schemas: sortKeys(Object.fromEntries(writer.schemas)),
  };
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function renderApiResponses() {
  const data = collectApiResponses();
  return [
    '// @generated by tools/openapi/generate.mjs from the controllers and the types they answer. DO NOT EDIT.',
    '/* eslint-disable */',
    '',
    '/** A JSON Schema in the OpenAPI 3.0 dialect. */',
    'export type ApiSchema = { [keyword: string]: unknown };',
    '',
    'export interface ApiResponse {',
    '  /** Its success status (@HttpCode, else 201 for POST and 200 for the rest). */',
    '  status: number;',
    '  /** Absent: the operation answers without a body. */',
    '  mediaType?: string;',
    '  schema?: ApiSchema;',
    '}',
    '',
    'export interface ApiResponses {',
    "  /** `<service> <METHOD> <path as in the service's OpenAPI document>` → its success body. */",
    '  operations: Record<string, ApiResponse>;',
    '  /** Named schemas the operations refer to (`#/components/schemas/<name>`). */',
    '  schemas: Record<string, ApiSchema>;',
    '}',
    '',
    `export const apiResponses: ApiResponses = ${JSON.stringify(data, null, 2)};`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const target = join(root, 'libs', 'contracts', 'src', 'generated', API_RESPONSES_FILE);
    writeFileSync(target, renderApiResponses());
    console.log(`openapi: wrote ${relative(root, target)}`);
  } catch (err) {
    if (!(err instanceof ApiResponsesError)) throw err;
    console.error(`openapi: ${err.message}`);
    process.exitCode = 1;
  }
}
