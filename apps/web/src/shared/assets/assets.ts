import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { enhanceJs } from './enhance-script';
import { siteCss } from './site-style';

/** Static assets, named by content hash so they can be cached for a year. */
function asset(name: string, ext: string, type: string, body: string) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/assets/${name}.${hash}.${ext}`, type, body: Buffer.from(body) };
}

/**
 * The ALTCHA widget (ADR 0041), served from the site itself (nothing loaded
 * from a third party): its script, which defines `<altcha-widget>`, the
 * worker that computes the proof, and its style sheet.
 */
const ALTCHA_DIR = dirname(require.resolve('altcha/external'));
const altchaFile = (name: string) => readFileSync(join(ALTCHA_DIR, name), 'utf8');

export const ASSETS = {
  css: asset('site', 'css', 'text/css; charset=utf-8', siteCss),
  js: asset('enhance', 'js', 'text/javascript; charset=utf-8', enhanceJs),
  altcha: asset('altcha', 'js', 'text/javascript; charset=utf-8', altchaFile('altcha.umd.cjs')),
  altchaWorker: asset(
    'altcha-worker',
    'js',
    'text/javascript; charset=utf-8',
    altchaFile('worker.js'),
  ),
  altchaCss: asset('altcha', 'css', 'text/css; charset=utf-8', altchaFile('altcha.css')),
};
