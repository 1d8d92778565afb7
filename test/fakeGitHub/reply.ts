import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimiter, Resource } from './rateLimiter';

/**
 * GitHub's JSON answer: its media-type, request-id and rate-limit headers, an ETag on a 200 that
 * a matching If-None-Match turns into a 304, and the charge to the caller's bucket.
 */

export const DOCS = 'https://docs.github.com/rest';

export interface ReplyOptions {
  /**
   * False for answers GitHub does not count against the quota: `/rate_limit`, bad credentials
   * and the rate-limit refusal itself.
   */
  readonly count?: boolean;
  readonly link?: string;
  readonly headers?: Record<string, string>;
  /** The request being answered, whose If-None-Match may make this a 304. */
  readonly request?: IncomingMessage;
}

export class Reply {
  constructor(
    private readonly limiter: RateLimiter,
    /** Read on every answer, so a test can change them while the server runs. */
    private readonly extraHeaders: () => Readonly<Record<string, string>>,
  ) {}

  json(response: ServerResponse, status: number, body: unknown, resource: Resource, token: string | undefined, options: ReplyOptions = {}): void {
    const text = JSON.stringify(body);
    const etag = `W/"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"`;
    const notModified = status === 200 && options.request?.headers['if-none-match'] === etag;
    // GitHub does not charge a 304 to the rate limit; everything else counts.
    const bucket = options.count === false || notModified ? this.limiter.bucket(resource, token) : this.limiter.charge(resource, token);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': requestId(),
      ...this.limiter.headers(bucket, resource),
      ...(status === 200 ? { etag, 'cache-control': token ? 'private, max-age=60, s-maxage=60' : 'public, max-age=60, s-maxage=60' } : {}),
      ...(options.link ? { link: options.link } : {}),
      ...this.extraHeaders(),
      ...options.headers,
    };
    if (notModified) {
      delete headers['content-type'];
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(status, headers);
    response.end(text);
  }
}

export function notFound(): unknown {
  return { message: 'Not Found', documentation_url: DOCS, status: '404' };
}

export function requestId(): string {
  return createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 20).toUpperCase();
}
