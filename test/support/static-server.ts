import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

/** StaticServer is a folder served over HTTP as a plain static web server would, and how to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * serveFolder serves a folder's files by path, as nginx or `python3 -m http.server` would: no routes, no knowledge of
 * Veche, a 404 for anything that is not a file; with the content types tlog-tiles names (text/plain for the
 * checkpoint, application/octet-stream for tiles) and the CORS header a browser audit page on another site needs.
 */
export async function serveFolder(root: string): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]);
    const file = normalize(join(root, path));
    let isFile = false;
    try {
      isFile = file.startsWith(root + sep) && statSync(file).isFile();
    } catch {
      /* not there */
    }
    if (!isFile) {
      response.writeHead(404, { 'access-control-allow-origin': '*' });
      response.end();
      return;
    }
    const type =
      path.endsWith('/checkpoint') || path.endsWith('/key')
        ? 'text/plain; charset=utf-8'
        : path.endsWith('.json')
          ? 'application/json'
          : path.endsWith('.html')
            ? 'text/html; charset=utf-8'
            : path.endsWith('.mjs')
              ? 'text/javascript; charset=utf-8'
              : 'application/octet-stream';
    response.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
