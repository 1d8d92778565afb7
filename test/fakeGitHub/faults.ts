import type { ServerResponse } from 'node:http';
import type { RateLimiter, Resource } from './rateLimiter';
import type { Reply } from './reply';
import { DOCS, notFound, requestId } from './reply';

/**
 * Failures a test asks for, answered the way GitHub (or what stands between it and the client)
 * really fails: the status, headers and body a client meets, including ones that never finish.
 */

export type FaultKind =
  | 'hang'
  | 'rateLimit'
  | 'secondaryRateLimit'
  | 'notFound'
  | 'serverError'
  | 'badGateway'
  | 'invalidJson'
  | 'tooManyRequests'
  | 'htmlOk'
  | 'redirect'
  | 'badCredentials'
  /** Headers at once, then the JSON body a byte at a time, slower than any deadline. */
  | 'drip'
  /** Headers at once, then a JSON body that never ends, as fast as the client reads. */
  | 'endlessBody';

export interface Fault {
  readonly kind: FaultKind;
  /** Only requests whose path (without query) matches; all when absent. */
  readonly path?: string | RegExp;
  /** How many matching requests fail; then the fault is spent. Default: every one. */
  readonly times?: number;
  /** For `redirect`: where to send the client (e.g. another server that must never see a token). */
  readonly location?: string;
}

export class FaultInjector {
  private readonly pending: Array<{ fault: Fault; left: number }> = [];

  constructor(
    private readonly reply: Reply,
    private readonly limiter: RateLimiter,
  ) {}

  add(fault: Fault): void {
    this.pending.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The first fault that applies to `path`, counted against its `times`. */
  take(path: string): Fault | undefined {
    for (let i = 0; i < this.pending.length; i++) {
      const entry = this.pending[i]!;
      const { fault } = entry;
      const matches = fault.path === undefined || (typeof fault.path === 'string' ? fault.path === path : fault.path.test(path));
      if (matches) {
        entry.left--;
        if (entry.left <= 0) {
          this.pending.splice(i, 1);
        }
        return fault;
      }
    }
    return undefined;
  }

  /**
   * Answers as GitHub does when it fails this way. GitHub's own refusals (bad credentials, an
   * exhausted bucket) are answered here too, so they match the injected ones.
   */
  answer(response: ServerResponse, fault: Fault, resource: Resource, token: string | undefined): void {
    const { kind } = fault;
    switch (kind) {
      case 'hang':
        return; // The socket stays open with no answer until the client gives up or the fake closes.
      case 'drip':
      case 'endlessBody':
        stream(response, kind);
        return;
      case 'rateLimit': {
        this.limiter.setRemaining(resource, 0, token);
        this.reply.json(
          response,
          403,
          {
            message: `API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`,
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          },
          resource,
          token,
          { count: false },
        );
        return;
      }
      case 'secondaryRateLimit':
        this.reply.json(
          response,
          403,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          },
          resource,
          token,
          { headers: { 'retry-after': '60' } },
        );
        return;
      case 'notFound':
        this.reply.json(response, 404, notFound(), resource, token);
        return;
      case 'badCredentials':
        this.reply.json(response, 401, { message: 'Bad credentials', documentation_url: DOCS }, resource, undefined, { count: false });
        return;
      case 'serverError':
      case 'badGateway': {
        const status = kind === 'serverError' ? 500 : 502;
        response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'x-github-request-id': requestId() });
        response.end(
          `<!DOCTYPE html><html><head><title>Unicorn! &middot; GitHub</title></head><body><h1>${status}</h1><p>We had issues producing the response to your request.</p><script>alert('never rendered')</script></body></html>`,
        );
        return;
      }
      case 'invalidJson':
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': requestId() });
        response.end('{"title": "truncated');
        return;
      case 'htmlOk':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!DOCTYPE html><html><body>Sign in to GitHub</body></html>');
        return;
      case 'tooManyRequests':
        this.reply.json(response, 429, { message: 'Too Many Requests' }, resource, token, { headers: { 'retry-after': '30' } });
        return;
      case 'redirect':
        response.writeHead(302, { location: fault.location ?? 'http://127.0.0.1:9/', 'content-type': 'text/html; charset=utf-8' });
        response.end('<html><body>You are being <a href="elsewhere">redirected</a>.</body></html>');
        return;
    }
  }
}

/** A 200 whose body trickles (`drip`) or never ends (`endlessBody`) until the client hangs up. */
function stream(response: ServerResponse, kind: 'drip' | 'endlessBody'): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': requestId() });
  response.write('{"resources": {"core": {"limit": 60, "remaining": 60, "reset": 1, "used": 0}}, "padding": "');
  let open = true;
  response.once('close', () => {
    open = false;
  });
  if (kind === 'drip') {
    const timer = setInterval(() => (open ? response.write(' ') : clearInterval(timer)), 20);
    return;
  }
  const chunk = ' '.repeat(64 * 1024);
  const pump = (): void => {
    while (open && response.write(chunk)) {
      // Write until the socket's buffer is full, then wait for it to drain.
    }
    if (open) {
      response.once('drain', pump);
    }
  };
  pump();
}
