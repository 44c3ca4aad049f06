#!/usr/bin/env node
// `npm run bench:web-weight`: what a petition page weighs on first load, in a
// real Chromium (Debian's, through playwright-core), cold cache. Reports the
// JavaScript bytes and everything transferred (headers and compressed bodies,
// as Chromium counts them), against issue 5's budget: 100 KB of JS, 250 KB in
// all. Exits 1 over budget. Starts the built platform in memory on a free port,
// or measures WEB_URL (e.g. WEB_URL=http://localhost:3000 with `npm start` running).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildDist, freePort, root, sleep } from './common.mjs';

const BUDGET = { js: 100 * 1024, total: 250 * 1024 };
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(
    `No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set PLAYWRIGHT_CHROMIUM_PATH`,
  );
  process.exit(2);
}

let child;
let base = process.env.WEB_URL?.replace(/\/$/, '');
if (!base) {
  buildDist();
  const port = await freePort();
  child = spawn(process.execPath, [join(root, 'dist/apps/gateway/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PALABRE_DATA_DIR: 'memory://',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {}
    if (i > 600) throw new Error('platform not ready in 120 s');
    await sleep(200);
  }
}

let browser;
try {
  // The most signed open petition (demo content arrives just after start).
  let id;
  for (let i = 0; i < 100 && !id; i++) {
    const r = await fetch(`${base}/api/petitions?state=published&sort=most-signed&limit=1`);
    id = r.ok ? (await r.json()).items[0]?.id : undefined;
    if (!id) await sleep(200);
  }
  if (!id) throw new Error('no published petition to measure');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map();
  const rows = [];
  cdp.on('Network.responseReceived', (e) =>
    types.set(e.requestId, { type: e.type, url: e.response.url }),
  );
  cdp.on('Network.loadingFinished', (e) =>
    rows.push({ ...types.get(e.requestId), bytes: e.encodedDataLength }),
  );
  await page.goto(`${base}/petitions/${id}`, { waitUntil: 'networkidle' });
  await sleep(500);
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  const js = rows.filter((r) => r.type === 'Script').reduce((s, r) => s + r.bytes, 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`Petition page /petitions/${id}, first load, cache disabled, 360 px:`);
  for (const r of rows)
    console.log(
      `  ${String(r.type).padEnd(10)} ${kb(r.bytes).padStart(9)}  ${new URL(r.url).pathname}`,
    );
  console.log(`JavaScript: ${kb(js)} (budget ${kb(BUDGET.js)})`);
  console.log(`Transferred: ${kb(total)} in ${rows.length} requests (budget ${kb(BUDGET.total)})`);
  const over = js > BUDGET.js || total > BUDGET.total;
  console.log(over ? 'OVER BUDGET' : 'Within budget');
  process.exitCode = over ? 1 : 0;
} finally {
  await browser?.close();
  child?.kill('SIGTERM');
}
