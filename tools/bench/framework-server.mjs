// One server of bench:framework (tools/bench/framework.mjs), chosen by
// BENCH_FRAMEWORK, listening on 127.0.0.1:PORT:
//
//   express  a minimal Nest app on @nestjs/platform-express, set up as
//            service-kit's createServiceApp sets up a service (JSON body
//            parser limited to 100 KB, no X-Powered-By, the services'
//            global validation pipe) and nothing else: no tracing, guards,
//            filters or database, so that only the framework is measured;
//   fastify  the same module and controller on @nestjs/platform-fastify;
//   bare     a node:http handler giving the same answers, with the body
//            validated by the same pipe called directly: the difference is routing, request and reply
//            handling, not validation.
//
// Routes: GET /items/:id (200, small JSON), POST /items (JSON body of
// CreateItemDto: 201, small JSON; 400 for a body the DTO refuses) and
// GET /health/ready. Plain .mjs: the decorators are applied by hand, as
// TypeScript's emit would apply them (design:paramtypes included, which the
// pipe reads to know the DTO). The pipe is the services' own, loaded from
// its TypeScript source through @swc-node/register (start-up cost only).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { root } from './common.mjs';

process.env.SWC_NODE_PROJECT ??= join(root, 'tsconfig.json');
const require = createRequire(import.meta.url);
require('reflect-metadata');
require('@swc-node/register');
const { createValidationPipe } = require(join(root, 'libs/service-kit/src/validation.ts'));
const { Body, Controller, Get, HttpException, Module, Param, Post } = require('@nestjs/common');
const { IsIn, IsOptional, IsString, Length, MaxLength } = require('class-validator');

const kind = process.env.BENCH_FRAMEWORK;
const port = Number(process.env.PORT);
const BODY_LIMIT = 100 * 1024;

// ---------------------------------------------------------------- the service
/** A tiny DTO of the kind the services take: two texts with bounds, one optional choice. */
class CreateItemDto {}
Reflect.decorate([IsString(), Length(3, 120)], CreateItemDto.prototype, 'title');
Reflect.decorate([IsOptional(), IsString(), MaxLength(2000)], CreateItemDto.prototype, 'summary');
Reflect.decorate([IsOptional(), IsIn(['draft', 'published'])], CreateItemDto.prototype, 'state');

const answers = {
  find: (id) => ({ id, title: 'Un banc devant la mairie', state: 'published', supports: 42 }),
  create: (dto) => ({
    id: '0b6c2f6e-3f7c-4c57-9d1e-5b0f4c1f2a10',
    title: dto.title,
    state: dto.state ?? 'draft',
  }),
};

/** Decorates `method` of `cls` as TypeScript would: method decorators, then its parameters' types. */
function route(cls, method, decorators, paramTypes, params = []) {
  const proto = cls.prototype;
  params.forEach((p, i) => p(proto, method, i));
  Reflect.decorate(decorators, proto, method, Object.getOwnPropertyDescriptor(proto, method));
  Reflect.defineMetadata('design:paramtypes', paramTypes, proto, method);
}

class ItemsController {
  find(id) {
    return answers.find(id);
  }
  create(dto) {
    return answers.create(dto);
  }
}
route(ItemsController, 'find', [Get(':id')], [String], [Param('id')]);
route(ItemsController, 'create', [Post()], [CreateItemDto], [Body()]);
Reflect.decorate([Controller('items')], ItemsController);

class HealthController {
  ready() {
    return { status: 'ok' };
  }
}
route(HealthController, 'ready', [Get('ready')], []);
Reflect.decorate([Controller('health')], HealthController);

class BenchModule {}
Reflect.decorate([Module({ controllers: [ItemsController, HealthController] })], BenchModule);

// ---------------------------------------------------------------- servers
async function nest(adapterKind) {
  const { NestFactory } = require('@nestjs/core');
  let app;
  if (adapterKind === 'express') {
    const express = require('express');
    app = await NestFactory.create(BenchModule, { logger: ['error', 'warn'], bodyParser: false });
    app.use(express.json({ limit: BODY_LIMIT }));
    app.disable('x-powered-by');
  } else {
    const { FastifyAdapter } = require('@nestjs/platform-fastify');
    app = await NestFactory.create(BenchModule, new FastifyAdapter({ bodyLimit: BODY_LIMIT }), {
      logger: ['error', 'warn'],
    });
  }
  app.useGlobalPipes(createValidationPipe());
  await app.listen(port, '127.0.0.1');
}

function bare() {
  const pipe = createValidationPipe();
  const ITEM = /^\/items\/([^/]+)$/;
  const send = (res, status, value) => {
    const body = JSON.stringify(value);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  const fail = (res, error) => {
    if (error instanceof HttpException) send(res, error.getStatus(), error.getResponse());
    else send(res, 500, { statusCode: 500, message: 'Internal server error' });
  };
  const readJson = (req) =>
    new Promise((resolve, reject) => {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
        return reject(new HttpException('JSON expected', 415));
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        if (size > BODY_LIMIT) reject(new HttpException('Payload too large', 413));
        else chunks.push(c);
      });
      req.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new HttpException('Body is not JSON', 400));
        }
      });
      req.on('error', reject);
    });

  const server = createServer((req, res) => {
    const q = req.url.indexOf('?');
    const path = q < 0 ? req.url : req.url.slice(0, q);
    if (req.method === 'GET') {
      req.resume();
      const m = ITEM.exec(path);
      if (m)
        return pipe
          .transform(decodeURIComponent(m[1]), { type: 'param', metatype: String, data: 'id' })
          .then((id) => send(res, 200, answers.find(id)))
          .catch((e) => fail(res, e));
      if (path === '/health/ready') return send(res, 200, { status: 'ok' });
    } else if (req.method === 'POST' && path === '/items') {
      return readJson(req)
        .then((raw) => pipe.transform(raw, { type: 'body', metatype: CreateItemDto }))
        .then((dto) => send(res, 201, answers.create(dto)))
        .catch((e) => fail(res, e));
    }
    req.resume();
    send(res, 404, { statusCode: 404, message: `Cannot ${req.method} ${path}` });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

if (kind === 'express' || kind === 'fastify') await nest(kind);
else if (kind === 'bare') await bare();
else throw new Error(`BENCH_FRAMEWORK must be express, fastify or bare (got ${kind})`);
