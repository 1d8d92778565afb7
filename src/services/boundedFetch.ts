/** The body went past the bound: the answer is not what was asked for. */
export class BodyTooLarge extends Error {}

/** Statuses whose Response has no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * fetch, with the whole body read inside the request's deadline and bounded in size. octokit
 * reads the body itself and turns a failed read into an empty body ("unexpected shape"), and it
 * would read an endless one forever; a body already read here can fail neither way. Shared by
 * every client of a remote API (GitHub, Buttondown).
 */
export function boundedFetch(send: typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => {
    // Never the browser's HTTP cache: GitHub marks answers cacheable for 60 s, which would keep
    // Refresh GitHub Data from refreshing. Our own cache revalidates with If-None-Match instead.
    const noStore: RequestInit & { cache: 'no-store' } = { ...init, cache: 'no-store' };
    const response = await send(input, noStore);
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
      return response;
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      // Rejects when the deadline or the caller's cancellation aborts the request.
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLarge();
      }
      chunks.push(value);
    }
    // Not Buffer.concat: this runs in the browser too.
    const body = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.byteLength;
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
