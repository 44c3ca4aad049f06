import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { SpamModel, type ModelFile } from './model';

const IN_REPOSITORY = join('apps', 'antispam', 'model', 'model.json');

/**
 * The model file: ANTISPAM_MODEL when set (a retrained model mounted in a
 * deployment), else the one shipped in the repository, found from this file's
 * place (sources or dist/).
 */
export function modelPath(env: Record<string, string | undefined>): string {
  if (env.ANTISPAM_MODEL) return resolve(env.ANTISPAM_MODEL);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, IN_REPOSITORY);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`No antispam model: ${IN_REPOSITORY} not found`);
  }
}

/**
 * The model in use, read on the first score: its ~20 MB stay out of a
 * platform that scores nothing yet (embedded mode). The file must exist at
 * start, so that a wrong ANTISPAM_MODEL stops the service at once.
 */
@Injectable()
export class Models {
  private readonly path: string;
  private model?: SpamModel;

  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    this.path = modelPath(runtime.env);
    if (!existsSync(this.path)) throw new Error(`No antispam model at ${this.path}`);
  }

  get current(): SpamModel {
    this.model ??= new SpamModel(JSON.parse(readFileSync(this.path, 'utf8')) as ModelFile);
    return this.model;
  }
}
