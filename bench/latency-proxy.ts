// A reverse proxy on 127.0.0.1 that makes a local site behave like one `rttMs` away, for the network
// figures of `npm run bench`: every response waits one round trip before its first byte, and the first
// request on a new connection one more (the TCP handshake). Bandwidth is not modelled: the bench blog's
// pages are small, and the round trips are what leave a crawler's request slots idle. Upstream
// connections are kept alive so that the proxy adds no handshakes of its own.
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LatencyProxy {
  url: string;
  /** Requests answered so far. */
  readonly requests: number;
  /** Client connections opened so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Per-connection headers that a proxy must not pass on (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

const endToEnd = (headers: IncomingHttpHeaders): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

export async function startLatencyProxy(upstream: string, rttMs: number): Promise<LatencyProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  /** Connections that have not carried a request yet: their first one pays for the handshake. */
  const fresh = new WeakSet<Socket>();
  let requests = 0;
  let connections = 0;
  const server = createServer((req, res) => {
    requests++;
    const handshake = fresh.delete(req.socket);
    setTimeout(() => {
      const forward = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(res);
        },
      );
      forward.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`latency proxy: ${upstream}${req.url ?? ''}: ${err.message}`);
      });
      req.pipe(forward);
    }, handshake ? 2 * rttMs : rttMs);
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    fresh.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          agent.destroy();
          resolve();
        });
      }),
  };
}
