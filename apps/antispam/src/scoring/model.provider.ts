import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

export function loadModel(env: Record<string, string | undefined>): SpamModel {
  const path = modelPath(env);
  return new SpamModel(JSON.parse(readFileSync(path, 'utf8')) as ModelFile);
}
