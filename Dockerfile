# broadsheet as a container running `broadsheet start`: the web endpoints, a content scan every minute and
# the digest on schedule. The site (config, content) and the state come from outside:
#
#   docker build -t broadsheet .
#   docker run -d --name broadsheet -p 8080:8080 \
#     -e BROADSHEET_SECRET="$(openssl rand -hex 32)" -e SMTP_URL=smtp://user:password@smtp.example.org:587 \
#     -v "$PWD/broadsheet.config.json:/site/broadsheet.config.json:ro" \
#     -v "$PWD/content:/site/content:ro" -v broadsheet-state:/site/.broadsheet -v "$PWD/out:/site/out" \
#     broadsheet
#
# (Keep BROADSHEET_SECRET the same across restarts: it signs every subscription link already sent.)

# Build stage: every dependency, TypeScript compiled, then the development ones removed.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Without scripts: `prepare` compiles src/, which is not here yet. better-sqlite3's native module is
# fetched (or compiled) by its own install script, run next.
RUN npm ci --ignore-scripts --no-audit --no-fund
RUN npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Run stage: Node, the production dependencies, the compiled code and the built-in templates; nothing else.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY templates ./templates
COPY starter ./starter
WORKDIR /site
# The folders broadsheet writes, owned by the image's unprivileged user (node, uid 1000), so that a new
# named volume mounted on them starts out writable.
RUN mkdir -p content out .broadsheet && chown 1000:1000 out .broadsheet
USER node
VOLUME ["/site/content", "/site/.broadsheet"]
EXPOSE 8080
# server.host defaults to 127.0.0.1, which nobody outside the container reaches.
CMD ["node", "/app/bin/broadsheet.js", "start", "--host", "0.0.0.0"]
