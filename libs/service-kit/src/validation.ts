import {
  BadRequestException,
  Injectable,
  ValidationPipe,
  type ArgumentMetadata,
  type CanActivate,
  type ExecutionContext,
  type ValidationError,
} from '@nestjs/common';
import { getMetadataStorage, IS_OPTIONAL, type ValidatorOptions } from 'class-validator';

/**
 * One refused input: the field as the client named it, and what is wrong with
 * it. `message` is English, for a developer; a client that shows the refusal
 * to someone translates `rule` (class-validator's name of the broken rule:
 * `maxLength`, `isNotEmpty`…) with `limit` (its number, when it has one).
 */
export interface FieldError {
  field: string;
  message: string;
  rule?: string;
  limit?: number;
}

/** The number a broken rule was declared with (`@MaxLength(80)` → 80), if it has one. */
function limitOf(target: object | undefined, property: string, rule: string): number | undefined {
  const ctor = (target as { constructor?: abstract new (...args: never[]) => object } | undefined)
    ?.constructor;
  if (!ctor || ctor === Object) return undefined;
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(ctor, '', true, false)
    .find((m) => m.propertyName === property && m.name === rule);
  const limit: unknown = meta?.constraints?.[0];
  return typeof limit === 'number' ? limit : undefined;
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => {
      const limit = limitOf(e.target, e.property, rule);
      return { field, message, rule, ...(limit === undefined ? {} : { limit }) };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The 400 of a refused input, in the shape the problem filter turns into
 * `errors: [{ field, message }]`; `code` for clients that translate messages.
 */
export function badInput(errors: FieldError[], code?: string): BadRequestException {
  return new BadRequestException({
    message: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
    ...(code ? { code } : {}),
  });
}

/** The code of a 400 for text that no service can store (the site shows its own message). */
export const UNACCEPTABLE_TEXT = 'UNACCEPTABLE_TEXT';

/** Deeper than any DTO nests; beyond, walking the value would only cost stack. */
const MAX_DEPTH = 32;
const NUL = '\u0000';
/** Half of a UTF-16 surrogate pair: a string with one has no UTF-8 form. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text))
    return 'must be valid Unicode text (it contains half of a UTF-16 surrogate pair)';
  return null;
}

/**
 * The first text in `value` that no service can store or compare: U+0000
 * (PostgreSQL refuses it in text) or a lone surrogate (no UTF-8 form), in a
 * string or an object key, at any depth; or a value nested deeper than any
 * input is. Null when there is none.
 */
export function findUnacceptableText(value: unknown, field: string, depth = 0): FieldError | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field, message } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH)
    return { field, message: `must not be nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, inner] of Object.entries(value)) {
    const at = field ? `${field}.${key}` : key;
    const keyMessage = textProblem(key);
    if (keyMessage) return { field: at, message: `(a field name) ${keyMessage}` };
    const found = findUnacceptableText(inner, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The refused texts of a request's path parameters, query and body, one per part at most. */
export function unacceptableRequestText(parts: {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}): FieldError[] {
  return [parts.params, parts.query, parts.body]
    .map((part) => findUnacceptableText(part, ''))
    .filter((e): e is FieldError => e !== null);
}

/**
 * Before any handler of any service (and any page of the site): a text in the
 * path, the query or the body that cannot be stored is a 400 naming the field,
 * never a database error. A guard rather than a middleware, so that the route's
 * parameters are known by name and a controller's own error filter (the site's
 * error page) answers it.
 */
@Injectable()
export class AcceptableTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context
      .switchToHttp()
      .getRequest<{ params?: unknown; query?: unknown; body?: unknown }>();
    const errors = unacceptableRequestText(req);
    if (errors.length) throw badInput(errors, UNACCEPTABLE_TEXT);
    return true;
  }
}

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

function nullable(target: object, property: string): boolean {
  const meta = Reflect.getMetadata(SWAGGER_PROPERTY, target, property) as
    { nullable?: boolean } | undefined;
  return meta?.nullable === true;
}

/**
 * `null` in an optional field is refused unless the DTO declares the field
 * nullable (`@ApiProperty({ nullable: true })`, which the OpenAPI document
 * shows too): class-validator's @IsOptional skips null like undefined, and the
 * null would otherwise reach a NOT NULL column or code that expects a value.
 * A nullable field's null means "none"; leaving a field out means "unchanged".
 */
function nullErrors(instance: object, depth = 0): ValidationError[] {
  if (depth >= MAX_DEPTH) return [];
  const ctor = (instance as { constructor?: abstract new (...args: never[]) => object })
    .constructor;
  if (!ctor || ctor === Object) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false);
  const optional = new Set(metas.filter((m) => m.name === IS_OPTIONAL).map((m) => m.propertyName));
  const errors: ValidationError[] = [];
  for (const property of new Set(metas.map((m) => m.propertyName))) {
    const value = (instance as Record<string, unknown>)[property];
    if (value === null && optional.has(property) && !nullable(ctor.prototype as object, property)) {
      errors.push({
        property,
        value,
        target: instance,
        constraints: { isNotNull: `${property} must not be null; leave it out instead` },
        children: [],
      });
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    const children = items.flatMap((item, i) => {
      if (item === null || typeof item !== 'object') return [];
      const inner = nullErrors(item as object, depth + 1);
      if (!inner.length) return [];
      return Array.isArray(value) ? [{ property: String(i), value: item, children: inner }] : inner;
    });
    if (children.length) errors.push({ property, value, children });
  }
  return errors;
}

const PLAIN = new Set<unknown>([undefined, Object, String, Number, Boolean]);

class PalabreValidationPipe extends ValidationPipe {
  /**
   * A query read without a DTO (`@Query() q: Record<string, string>`,
   * `@Query('state') state: string`) takes each parameter once, as text: a
   * key given twice (an array) or with brackets (an object) is a 400 naming
   * it, not a TypeError in the handler. A DTO, or a parameter declared as an
   * array, says itself what it takes.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && PLAIN.has(metadata.metatype) && value !== undefined) {
      const entries: [string, unknown][] = metadata.data
        ? [[metadata.data, value]]
        : Object.entries((value ?? {}) as object);
      const errors = entries
        .filter(([, v]) => v !== undefined && typeof v !== 'string')
        .map(([field]) => ({ field, message: 'must be given once, as text', rule: 'once' }));
      if (errors.length) throw badInput(errors);
    }
    return super.transform(value, metadata);
  }

  protected override async validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    const seen = new Set(errors.map((e) => e.property));
    return [...errors, ...nullErrors(object).filter((e) => !seen.has(e.property))];
  }
}

/**
 * DTO validation at the edge: unknown fields are refused, `null` only where a
 * field is declared nullable, and the 400 names each field with what was
 * expected.
 */
export function createValidationPipe(): ValidationPipe {
  return new PalabreValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The object each error was found in, so that flatten finds the number of the rule it broke.
    validationError: { target: true },
    exceptionFactory: (errors) => badInput(flatten(errors)),
  });
}
