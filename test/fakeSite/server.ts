import type { ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A web site on 127.0.0.1 with one page per case a link checker meets: a page, a page gone
 * (404, 410), a rate limit, a permanent and a temporary move, a server that refuses HEAD, a
 * redirect to a sign-in page, one that never answers, and a redirect loop. It counts the
 * requests open at once, for the checker's bounds.
 */
export class FakeSite {
  readonly requests: Array<{ readonly method: string; readonly path: string }> = [];
  maxConcurrent = 0;
  private active = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((request, response) => {
    this.active++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.active);
    response.once('close', () => this.active--);
    const path = request.url ?? '/';
    this.requests.push({ method: request.method ?? 'GET', path });
    this.answer(request.method ?? 'GET', path, response);
  });

  private constructor() {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<FakeSite> {
    const site = new FakeSite();
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    return site;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(method: string, path: string, response: ServerResponse): void {
    const page = (status: number, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'text/html', ...headers }).end(method === 'HEAD' ? undefined : '<p>page</p>');
    const slow = /^\/slow\/(\d+)$/.exec(path);
    if (slow) {
      // Answers after the others asked: to see how many are open at once.
      setTimeout(() => page(200), 50);
      return;
    }
    switch (path) {
      case '/ok':
      case '/new':
        page(200);
        return;
      case '/gone':
        page(404);
        return;
      case '/removed':
        page(410);
        return;
      case '/busy':
        page(429, { 'retry-after': '60' });
        return;
      case '/forbidden':
        page(403);
        return;
      case '/broken-server':
        page(503);
        return;
      case '/old':
        page(301, { location: '/new' });
        return;
      case '/older':
        page(308, { location: `${this.url}/old` });
        return;
      case '/elsewhere':
        page(302, { location: '/ok' });
        return;
      case '/no-head':
        page(method === 'HEAD' ? 405 : 200);
        return;
      case '/private':
        page(302, { location: '/accounts/login?next=/private' });
        return;
      case '/loop':
        page(302, { location: '/loop' });
        return;
      case '/hang':
        return; // never answers
      default:
        page(404);
    }
  }
}
