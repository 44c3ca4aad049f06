import type { AddressInfo } from 'node:net';
import {
  Body,
  Controller,
  Get,
  Module,
  Param,
  Patch,
  Query,
  type INestApplication,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { JsonLogger } from '@palabre/observability';
import { ProblemFilter } from './problem';
import {
  AcceptableTextGuard,
  createValidationPipe,
  findUnacceptableText,
  unacceptableRequestText,
} from './validation';

class StepDto {
  @IsString()
  label!: string;

  @IsOptional()
  @IsString()
  note?: string;
}

class CreateThingDto {
  @IsString()
  @MaxLength(100)
  title!: string;

  @IsOptional()
  @IsString()
  summary?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  minimumAge?: number | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StepDto)
  steps?: StepDto[];
}

class UpdateThingDto extends PartialType(CreateThingDto) {}

const pipe = createValidationPipe();
const validate = (value: unknown, metatype: new () => object = CreateThingDto) =>
  pipe.transform(value, { type: 'body', metatype }).then(
    (dto: object) => ({ dto, errors: undefined }),
    (e: { getResponse(): { errors: { field: string; message: string }[] } }) => ({
      dto: undefined,
      errors: e.getResponse().errors,
    }),
  );

describe('a broken rule', () => {
  it('is named with its number, for clients that say it in their own language', async () => {
    expect((await validate({ title: 'x'.repeat(101) })).errors).toEqual([
      { field: 'title', message: expect.any(String), rule: 'maxLength', limit: 100 },
    ]);
    expect((await validate({ title: 't', steps: [{ label: 3 }] })).errors).toEqual([
      { field: 'steps.0.label', message: expect.any(String), rule: 'isString' },
    ]);
  });
});

describe('null in an optional field', () => {
  it('is refused, naming the field, unless the DTO declares the field nullable', async () => {
    expect((await validate({ title: 't', summary: null })).errors).toEqual([
      {
        field: 'summary',
        message: 'summary must not be null; leave it out instead',
        rule: 'isNotNull',
      },
    ]);
    const nullable = await validate({ title: 't', minimumAge: null });
    expect(nullable.errors).toBeUndefined();
    expect(nullable.dto).toMatchObject({ minimumAge: null });
    // Left out, a field is still optional.
    expect((await validate({ title: 't' })).errors).toBeUndefined();
  });

  it('is refused in a PATCH built with PartialType, where every field is optional', async () => {
    expect((await validate({ title: null }, UpdateThingDto)).errors).toEqual([
      {
        field: 'title',
        message: 'title must not be null; leave it out instead',
        rule: 'isNotNull',
      },
    ]);
    expect((await validate({ minimumAge: null }, UpdateThingDto)).errors).toBeUndefined();
  });

  it('is refused in nested objects, named by their path', async () => {
    const r = await validate({ title: 't', steps: [{ label: 'a' }, { label: 'b', note: null }] });
    expect(r.errors).toEqual([
      {
        field: 'steps.1.note',
        message: 'note must not be null; leave it out instead',
        rule: 'isNotNull',
      },
    ]);
  });
});

describe('text no service can store', () => {
  it('finds U+0000 and lone surrogates in strings and keys at any depth, and accepts real pairs', () => {
    expect(findUnacceptableText({ a: ['ok', { b: 'x\u0000y' }] }, '')).toEqual({
      field: 'a.1.b',
      message: 'must not contain the NUL character (U+0000)',
    });
    expect(findUnacceptableText({ email: 'a\ud800@b.fr' }, '')?.field).toBe('email');
    expect(findUnacceptableText({ email: '\udc00' }, '')?.message).toMatch(/surrogate/);
    expect(findUnacceptableText({ 'k\u0000': 1 }, '')?.field).toBe('k\u0000');
    expect(findUnacceptableText({ text: 'Vélo 🚲 « ok »', n: 1, z: null }, '')).toBeNull();
    expect(findUnacceptableText('\ud83d', 'id')).toEqual({
      field: 'id',
      message: 'must be valid Unicode text (it contains half of a UTF-16 surrogate pair)',
    });
  });

  it('refuses a value nested deeper than any input is, instead of walking it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findUnacceptableText({ deep }, '')?.message).toMatch(/nested/);
  });

  it('names one field per part of the request', () => {
    expect(
      unacceptableRequestText({
        params: { id: '\u0000' },
        query: { q: 'ok' },
        body: { t: '\udfff' },
      }),
    ).toEqual([
      { field: 'id', message: expect.stringMatching(/NUL/) },
      { field: 't', message: expect.stringMatching(/surrogate/) },
    ]);
  });
});

@Controller('things')
class ThingsController {
  written: unknown[] = [];

  @Get()
  list(@Query() query: Record<string, string | undefined>) {
    return { state: (query.state ?? 'open').split(',') };
  }

  @Get(':id')
  one(@Param('id') id: string, @Query('q') q?: string) {
    return { id, q };
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateThingDto) {
    this.written.push({ id, dto });
    return dto;
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('a Nest app with the guard, the pipe and the problem filter of every service', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, { logger: false });
    app.useGlobalFilters(new ProblemFilter(new JsonLogger('test', 'error', () => undefined)));
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalGuards(new AcceptableTextGuard());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const problemOf = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}${path}`, init);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };
  const patch = (body: string) =>
    problemOf('/things/a', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('refuses NUL and lone surrogates in the path, the query and the body with a 400 naming the field', async () => {
    const inPath = await problemOf('/things/a%00b');
    expect(inPath.status).toBe(400);
    expect(inPath.type).toContain('application/problem+json');
    expect(inPath.body.errors).toEqual([{ field: 'id', message: expect.stringMatching(/NUL/) }]);
    // A lone surrogate has no UTF-8 form, so no URL carries one; a JSON escape can.
    const inQuery = await problemOf('/things/a?q=x%00');
    expect(inQuery.body.errors).toEqual([{ field: 'q', message: expect.stringMatching(/NUL/) }]);
    const surrogate = await patch('{"steps":[{"label":"\\ud800"}]}');
    expect(surrogate.body.errors).toEqual([
      { field: 'steps.0.label', message: expect.stringMatching(/surrogate/) },
    ]);
    const inBody = await patch('{"title":"x\\u0000"}');
    expect(inBody.status).toBe(400);
    expect(inBody.body.errors).toEqual([{ field: 'title', message: expect.stringMatching(/NUL/) }]);
    const nul = await patch('{"title":null}');
    expect(nul.body.errors).toEqual([
      {
        field: 'title',
        message: 'title must not be null; leave it out instead',
        rule: 'isNotNull',
      },
    ]);
    expect(app.get(ThingsController).written).toEqual([]);
  });

  it('maps a client error raised before Nest (a path that does not decode) to its 4xx, not a 500', () => {
    const filter = new ProblemFilter(new JsonLogger('test', 'error', () => undefined));
    const undecodable = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), {
      status: 400,
    });
    expect(filter.toProblem(undecodable)).toMatchObject({
      status: 400,
      detail: "Failed to decode param '%E0%A4%A'",
    });
    expect(filter.toProblem(new Error('boom')).status).toBe(500);
  });

  it('takes a query read without a DTO once per key, as text: given twice is a 400 naming it', async () => {
    const twice = await problemOf('/things?state=a&state=b');
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([
      { field: 'state', message: 'must be given once, as text', rule: 'once' },
    ]);
    expect((await problemOf('/things?state=a,b')).body).toEqual({ state: ['a', 'b'] });
  });

  it('answers text that is fine as before', async () => {
    expect((await problemOf('/things/caf%C3%A9?q=%F0%9F%9A%B2')).body).toEqual({
      id: 'café',
      q: '🚲',
    });
  });
});
