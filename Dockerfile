# roomlab's emulator server in a container: `roomlab start --host 0.0.0.0` on port 4010.
#   docker build -t roomlab .
#   docker run --rm -p 4010:4010 roomlab          # then http://127.0.0.1:4010, credentials in its log
# Untested in a container: the machine it was written on has no container engine (its steps were run
# outside one, on a fresh export of the repository).
FROM node:20-slim
WORKDIR /roomlab
COPY . .
# Only the emulator, what it depends on, and the root's build tools; pnpm is fetched at its pinned version.
RUN node scripts/pnpm.mjs install --frozen-lockfile --filter "@roomlab/emulator..." --filter roomlab-monorepo \
  && node scripts/pnpm.mjs --filter "@roomlab/emulator..." run build \
  && npm cache clean --force
ENV NODE_ENV=production
EXPOSE 4010
# Recordings and compositions are written under /data (mount a volume to keep them).
ENTRYPOINT ["node", "packages/emulator/bin/roomlab.js", "start", "--host", "0.0.0.0", "--port", "4010", "--data-dir", "/data"]
