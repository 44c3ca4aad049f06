#!/usr/bin/env bash
# Distributed mode on one machine: each app its own process, real PostgreSQL,
# gateway proxying over HTTP. Usage: DATABASE_URL=postgres://… deploy/local/distributed.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database}"
# The project's Node (docs/adr/0020-node-runtime.md), as npm scripts use it.
export PATH="$PWD/node_modules/.bin:$PATH"
node tools/scripts/build.mjs --quiet
# Identity tokens (ADR 0030): the gateway holds the secret, identity its own derived key.
secret=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")
identity_key=$(node -e "console.log(require('./dist/libs/auth/src').deriveServiceKey(process.argv[1],'identity'))" "$secret")
export IDENTITY_SECRET="${IDENTITY_SECRET:-$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")}"
# An organization answering on 127.0.0.1 (ignored if it exists already).
node dist/apps/identity/src/cli.js create-organization --slug local --name "Local city" --host 127.0.0.1 || true
# Mailed links of the organization on 127.0.0.1 lead to the gateway's port.
PORT=4001 LOCAL_PUBLIC_PORT="${PORT:-4000}" INTERNAL_TOKEN_KEY="$identity_key" node dist/apps/identity/src/main.js &
PORT=${PORT:-4000} GATEWAY_MODE=distributed INTERNAL_TOKEN_SECRET="$secret" \
  SERVICE_URL_IDENTITY=http://127.0.0.1:4001 node dist/apps/gateway/src/main.js &
trap 'kill $(jobs -p) 2>/dev/null' EXIT INT TERM
wait
