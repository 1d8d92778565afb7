/**
 * Checks the links of an edition the way a careful reader would, and says "could not check"
 * rather than "broken" whenever the answer is not plainly that the page is gone: link checkers
 * are known for false alarms on GitHub, Google Docs and rate limits. Host-neutral: `fetch` is a
 * parameter. Bounded: at most 8 requests at once and 2 per host, a deadline per link, 5
 * redirects, and each address checked once per checker (a session).
 */

export type LinkVerdict =
  | { readonly kind: 'ok' }
  /** 404 or 410: the page is gone. */
  | { readonly kind: 'broken'; readonly status: number }
  /** A permanent redirect to `to`, which answers: a fix can write the new address. */
  | { readonly kind: 'moved'; readonly to: string }
  /** Anything that is not an answer about the page: 401, 403, 429, 5xx, a sign-in page, no answer. */
  | { readonly kind: 'unchecked'; readonly reason: string };

export interface LinkCheckerOptions {
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly fetch?: typeof fetch;
  readonly maxConcurrent?: number;
  readonly maxPerHost?: number;
}

const MAX_REDIRECTS = 5;

/** Where a redirect to a sign-in page goes: the link may be fine for those who can sign in. */
const SIGN_IN = /(^|[./-])(login|signin|sign-in|sign_in|sso|auth|accounts)([./?-]|$)|ServiceLogin/i;

/** A counting gate: `run` waits until fewer than `limit` are running. */
class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

export class LinkChecker {
  private readonly send: typeof fetch;
  private readonly all: Gate;
  private readonly hosts = new Map<string, Gate>();
  private readonly verdicts = new Map<string, Promise<LinkVerdict>>();

  constructor(private readonly options: LinkCheckerOptions) {
    this.send = options.fetch ?? ((input, init) => fetch(input, init));
    this.all = new Gate(options.maxConcurrent ?? 8);
  }

  /** The verdict for `url`, asked once per checker; a cancelled check is not kept. */
  check(url: string, signal?: AbortSignal): Promise<LinkVerdict> {
    const known = this.verdicts.get(url);
    if (known) {
      return known;
    }
    const verdict = this.checkOnce(url, signal);
    this.verdicts.set(url, verdict);
    void verdict.then((result) => {
      if (signal?.aborted && result.kind === 'unchecked') {
        this.verdicts.delete(url);
      }
    });
    return verdict;
  }

  private async checkOnce(url: string, signal?: AbortSignal): Promise<LinkVerdict> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { kind: 'broken', status: 0 };
    }
    let movedTo: string | undefined;
    let permanentSoFar = true;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (current.protocol !== 'https:' && current.protocol !== 'http:') {
        return { kind: 'unchecked', reason: `${current.protocol} links are not checked` };
      }
      const answer = await this.ask(current, signal);
      if ('reason' in answer) {
        return { kind: 'unchecked', reason: answer.reason };
      }
      const { status, location } = answer;
      if (status >= 300 && status < 400 && location) {
        const next = new URL(location, current);
        if (SIGN_IN.test(next.hostname) || SIGN_IN.test(next.pathname)) {
          return { kind: 'unchecked', reason: 'it redirects to a sign-in page' };
        }
        permanentSoFar &&= status === 301 || status === 308;
        if (permanentSoFar) {
          movedTo = next.href;
        }
        current = next;
        continue;
      }
      if (status >= 200 && status < 300) {
        return movedTo ? { kind: 'moved', to: movedTo } : { kind: 'ok' };
      }
      if (status === 404 || status === 410) {
        return { kind: 'broken', status };
      }
      return { kind: 'unchecked', reason: status === 0 ? 'the site does not let this host ask it' : `the site answered ${status}` };
    }
    return { kind: 'unchecked', reason: `more than ${MAX_REDIRECTS} redirects` };
  }

  /** HEAD, then GET where the server does not take HEAD (405, 501); redirects are read, not followed. */
  private async ask(url: URL, signal?: AbortSignal): Promise<{ status: number; location: string | null } | { reason: string }> {
    let gate = this.hosts.get(url.host);
    if (!gate) {
      gate = new Gate(this.options.maxPerHost ?? 2);
      this.hosts.set(url.host, gate);
    }
    const host = gate;
    return this.all.run(() =>
      host.run(async () => {
        const first = await this.request(url, 'HEAD', signal);
        return 'status' in first && (first.status === 405 || first.status === 501) ? this.request(url, 'GET', signal) : first;
      }),
    );
  }

  private async request(url: URL, method: 'HEAD' | 'GET', signal?: AbortSignal): Promise<{ status: number; location: string | null } | { reason: string }> {
    if (signal?.aborted) {
      return { reason: 'cancelled' };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    const cancel = (): void => controller.abort();
    signal?.addEventListener('abort', cancel);
    try {
      const init: RequestInit & { cache: 'no-store' } = {
        method,
        redirect: 'manual',
        cache: 'no-store',
        signal: controller.signal,
        headers: { 'user-agent': this.options.userAgent, accept: 'text/html,*/*;q=0.8' },
      };
      const response = await this.send(url.href, init);
      // Only the status matters: the body of a GET is not read.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, location: response.headers.get('location') };
    } catch {
      if (signal?.aborted) {
        return { reason: 'cancelled' };
      }
      return controller.signal.aborted
        ? { reason: `no answer within ${Math.round(this.options.timeoutMs / 1000)} s` }
        : { reason: 'the site could not be reached' };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }
}
