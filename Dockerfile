# syntax=docker/dockerfile:1
#
# One image for every Palabre app: the app is chosen by the command,
# `node dist/apps/<name>/src/main.js` (the Helm chart's default; the gateway
# without one). Build it with
#   docker build -t ghcr.io/palabre/palabre:$(node -p "require('./package.json').version") .
# No HEALTHCHECK: the chart's startup, liveness and readiness probes call the
# operations port (/health/live, /health/ready). The chart runs it as user 1000
# on a read-only root filesystem with a writable /tmp; distributed mode
# (GATEWAY_MODE=distributed, PostgreSQL in DATABASE_URL) writes nothing else.
# Checked by tools/docker/image.spec.ts.

# The Node the project runs on (.nvmrc), from the official image. The npm
# packages node-<os>-<cpu> of package.json's optionalDependencies bring the
# same Node to developers' machines; the image uses this one and prunes them.
ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS base
WORKDIR /app

# The root and workspace package.json files and the lockfile, at their paths:
# the dependency layers below are rebuilt only when one of them changes.
FROM base AS manifests
COPY . /context
RUN cd /context \
  && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /app/ \; \
  && cp package-lock.json /app/

# Compiles apps/ and libs/ to dist/ with SWC (a dev dependency).
# --ignore-scripts: no dependency needs its install script to build (SWC's
# binary comes as an optional dependency of @swc/core).
FROM base AS build
COPY --from=manifests /app ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
  npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node tools/scripts/build.mjs

# Production dependencies only. Install scripts are skipped: the one production
# package that has one is @scarf/scarf (download statistics of swagger-ui-dist);
# native code comes prebuilt (@node-rs/argon2-<platform>, an optional
# dependency) and highs is WebAssembly. Then removed: the node-<os>-<cpu>
# packages (a second, 190 MB Node; --omit=optional would also drop argon2's
# binary) and the workspace links node_modules/@palabre/* (dist/ imports the
# libraries by relative paths; the links would point at sources not shipped).
FROM base AS production-dependencies
COPY --from=manifests /app ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
  npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/node-linux-* node_modules/node-darwin-* node_modules/node-win-* \
    node_modules/.bin/node node_modules/@palabre

FROM base AS runtime
LABEL org.opencontainers.image.title="Palabre" \
  org.opencontainers.image.description="Palabre, an open-source participatory-democracy platform: every app, chosen by the command node dist/apps/<name>/src/main.js" \
  org.opencontainers.image.licenses="AGPL-3.0-only"
# PALABRE_DATA_DIR serves embedded mode only (PGlite and its generated keys),
# e.g. `docker run -v palabre-data:/data …`; the chart's distributed mode never
# writes there.
ENV NODE_ENV=production \
  PALABRE_DATA_DIR=/data
# Owned by root, read-only for the app: code, dependencies, and the antispam
# model the antispam service finds from dist/ (apps/antispam/model/model.json).
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY apps/antispam/model/model.json ./apps/antispam/model/model.json
RUN mkdir /data && chown 1000:1000 /data
# Numeric, so that Kubernetes' runAsNonRoot can verify it (user `node` of the base image).
USER 1000:1000
EXPOSE 3000 9464
# No entrypoint script: the command is the whole argv, as in the chart's `command`.
ENTRYPOINT []
CMD ["node", "dist/apps/gateway/src/main.js"]
