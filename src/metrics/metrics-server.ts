import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './metrics.ts';

/** MetricsServer serves /metrics on its own port, for a Prometheus on the same machine or network. */
export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * startMetricsServer listens on `host:port` (VECHE_METRICS_HOST, 127.0.0.1 by default, and VECHE_METRICS_PORT) and
 * answers GET /metrics with every metric of the process, without a token: what it tells (how busy the site is, when)
 * is kept from the public by the address it listens on, not by a secret.
 */
export async function startMetricsServer(host: string, port: number): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only /metrics is served here.\n');
      return;
    }
    registry.metrics().then(
      (text) =>
        response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
