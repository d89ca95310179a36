# Production image: the app runs its TypeScript directly with tsx, as `npm start` does everywhere.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first, so they stay cached while only the code changes. The postinstall step runs
# `prisma generate`, which needs the schema and prisma.config.ts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY core/db ./core/db
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
# The portal's Astro build (postinstall skipped it: its sources were not copied yet).
RUN node --import tsx portal/build.ts
# The AdminJS component bundle is written into admin-bundle/ at start.
RUN mkdir -p admin-bundle data && chown -R node:node admin-bundle data
USER node

EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The command of `npm start`, run without npm in between: npm exits on SIGTERM without passing it on, and
# in a container the server would then be killed halfway through closing its database.
CMD ["node", "--import", "tsx", "server/start.ts"]
