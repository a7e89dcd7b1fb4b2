# The Veche image: Node 24 on Debian slim, the app's production packages only, run as a user without privileges.
# docker build -t veche . && docker run --init -p 3000:3000 -e HOST=0.0.0.0 -v veche-data:/data veche
FROM node:24-bookworm-slim
WORKDIR /opt/veche
# DejaVu gives the PDF delivery packet its Cyrillic letters.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production VECHE_DATA=/data HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
# The image's own Node runs the app; the `node` package that pins it for npm start is not needed here.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force && rm -rf node_modules/node node_modules/.bin/node
COPY src ./src
COPY bin ./bin
COPY dist ./dist
COPY docs ./docs
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=16", "src/cli/main.ts", "serve"]
