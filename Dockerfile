# sla-sentinel on Node 24 LTS. Build stage compiles TypeScript and the SQLite addon;
# the runtime stage holds only production dependencies and the compiled output.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY connectors ./connectors
COPY bench ./bench
COPY config ./config
RUN npm ci && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# The default command is the daemon (docs/operations.md). Put the config in /data (or pass
# `-c FILE run`), keep storage and report folders under /data, and set `server.host: 0.0.0.0`
# to scrape /metrics from outside the container. The health check asks /healthz (200 once the
# last sync cycle succeeded recently); set SLA_SENTINEL_HEALTH_URL when server.port differs.
ENV SLA_SENTINEL_HEALTH_URL=http://127.0.0.1:9464/healthz
HEALTHCHECK --interval=1m --timeout=5s --start-period=15m --retries=3 \
  CMD ["node", "-e", "fetch(process.env.SLA_SENTINEL_HEALTH_URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]
CMD ["-c", "/data/sla-sentinel.yaml", "run"]
