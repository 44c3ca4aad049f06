// First of all: tracing's instrumentations patch pg, ioredis, kafkajs and Fastify as they load.
import { startTracing } from '@palabre/observability';

startTracing('antispam');
