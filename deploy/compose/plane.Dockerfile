# The LuMay plane as a container image. Build from the repository root:
#   docker build -f deploy/compose/plane.Dockerfile -t lumay/plane .
# (deploy/compose/docker-compose.yml does this for you.)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY packages ./packages
COPY examples ./examples
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund && npm run build --silent && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    LUMAY_HTTP_HOST=0.0.0.0 \
    LUMAY_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
# Made here, owned by the runtime user, so a new named volume inherits the ownership.
RUN mkdir /data && chown node:node /data
VOLUME /data
EXPOSE 4318 4317
USER node
# JSON log lines on stdout: the Collector (or the cluster's log agent) ships them to Loki.
ENTRYPOINT ["node", "packages/cli/dist/main.js"]
CMD ["serve"]
