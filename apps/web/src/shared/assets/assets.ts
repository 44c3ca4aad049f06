import { createHash } from 'node:crypto';
import { enhanceJs } from './enhance-script';
import { siteCss } from './site-style';

/** Static assets, named by content hash so they can be cached for a year. */
function asset(name: string, ext: string, type: string, body: string) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/assets/${name}.${hash}.${ext}`, type, body: Buffer.from(body) };
}

export const ASSETS = {
  css: asset('site', 'css', 'text/css; charset=utf-8', siteCss),
  js: asset('enhance', 'js', 'text/javascript; charset=utf-8', enhanceJs),
};
