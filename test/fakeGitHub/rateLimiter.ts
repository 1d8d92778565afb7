/**
 * GitHub's primary rate limits: one bucket per resource and credential (anonymous requests share
 * one), refilled when its window passes. Anonymous GraphQL has no quota at all: GitHub refuses it
 * before counting.
 */

const LIMITS = {
  core: { anonymous: 60, authenticated: 5000 },
  search: { anonymous: 10, authenticated: 30 },
  graphql: { anonymous: 0, authenticated: 5000 },
} as const;

export type Resource = keyof typeof LIMITS;

export interface Bucket {
  limit: number;
  remaining: number;
  reset: number;
}

/** The bucket a request path draws on. */
export function resourceOf(path: string): Resource {
  return path.startsWith('/search/') ? 'search' : path === '/graphql' ? 'graphql' : 'core';
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  bucket(resource: Resource, token: string | undefined): Bucket {
    const key = `${resource}:${token ?? ''}`;
    let bucket = this.buckets.get(key);
    if (bucket && Date.now() / 1000 >= bucket.reset) {
      // The window has passed: GitHub refills the quota.
      bucket = undefined;
    }
    if (!bucket) {
      const limit = token ? LIMITS[resource].authenticated : LIMITS[resource].anonymous;
      bucket = { limit, remaining: limit, reset: Math.floor(Date.now() / 1000) + (resource === 'search' ? 60 : 3600) };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Counts one request against its bucket and returns the bucket. */
  charge(resource: Resource, token: string | undefined): Bucket {
    const bucket = this.bucket(resource, token);
    if (bucket.limit > 0) {
      bucket.remaining = Math.max(0, bucket.remaining - 1);
    }
    return bucket;
  }

  setRemaining(resource: Resource, remaining: number, token: string | undefined): void {
    this.bucket(resource, token).remaining = remaining;
  }

  /** The `x-ratelimit-*` headers GitHub sends with every JSON answer. */
  headers(bucket: Bucket, resource: Resource): Record<string, string> {
    return {
      'x-ratelimit-limit': String(bucket.limit),
      'x-ratelimit-remaining': String(bucket.remaining),
      'x-ratelimit-used': String(bucket.limit - bucket.remaining),
      'x-ratelimit-reset': String(bucket.reset),
      'x-ratelimit-resource': resource,
    };
  }

  /** The body of `GET /rate_limit` for this credential. */
  status(token: string | undefined): unknown {
    const view = (resource: Resource) => {
      const bucket = this.bucket(resource, token);
      return { limit: bucket.limit, used: bucket.limit - bucket.remaining, remaining: bucket.remaining, reset: bucket.reset };
    };
    const core = view('core');
    return { resources: { core, search: view('search'), graphql: view('graphql') }, rate: core };
  }
}
