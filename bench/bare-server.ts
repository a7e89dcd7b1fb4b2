// The ceiling: a bare node:http server answering a tiny JSON, measured in the same run as Veche.
import { createServer } from 'node:http';

const body = JSON.stringify({ signatures: 12345, status: 'open' });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
