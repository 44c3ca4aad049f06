/**
 * The identity token keys of a deployment (ADR 0030): the gateway's
 * INTERNAL_TOKEN_SECRET and each service's INTERNAL_TOKEN_KEY derived from it,
 * printed as the command that stores them in the Secret the Helm chart reads
 * (`config.internalToken.existingSecret`; key `secret` for the gateway, one key
 * per service, named after it; `<service>-callers` for a service that calls
 * others as itself, ADR 0038).
 *
 *   npm run internal-token-keys [-- --secret-name palabre-internal-token] [service...]
 *
 * With INTERNAL_TOKEN_SECRET set, derives from it (a service added later gets
 * its key without changing anybody else's); otherwise draws a new secret.
 * Services default to every app but the gateway and the site.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { callerKeysFromSecret, calleesOf, deriveServiceKey } from '@palabre/auth';

const args = process.argv.slice(2);
let secretName = 'palabre-internal-token';
const named: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--secret-name') secretName = args[++i];
  else named.push(args[i]);
}
const services = named.length
  ? named
  : readdirSync(join(__dirname, '../../apps')).filter((a) => a !== 'gateway' && a !== 'web');
const secret = process.env.INTERNAL_TOKEN_SECRET ?? randomBytes(32).toString('base64url');
const literals = [
  `--from-literal=secret=${secret}`,
  ...services.map((s) => `--from-literal=${s}=${deriveServiceKey(secret, s)}`),
  // The keys of a service calling others as itself (ADR 0038): INTERNAL_CALLER_KEYS.
  ...services
    .filter((s) => calleesOf(s).length)
    .map((s) => `--from-literal=${s}-callers=${callerKeysFromSecret(secret, s)}`),
];
process.stdout.write(
  `kubectl create secret generic ${secretName} \\\n  ${literals.join(' \\\n  ')}\n`,
);
