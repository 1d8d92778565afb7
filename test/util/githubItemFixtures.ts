/** A GitHub item as the tests' fake answers give it: one PR key, and its REST body with overrides. */
export const key = { owner: 'kubernetes', repo: 'kubernetes', number: 140001 };

export function restPull(overrides: Record<string, unknown> = {}): unknown {
  return {
    number: 140001,
    title: 'Example feature',
    state: 'closed',
    draft: false,
    merged_at: '2026-11-05T10:00:00Z',
    closed_at: '2026-11-05T10:00:00Z',
    user: { login: 'octo' },
    labels: [{ name: 'kind/feature' }, { name: 'lgtm' }],
    milestone: { title: 'v1.36' },
    base: { ref: 'master' },
    html_url: 'https://evil.example/phish',
    ...overrides,
  };
}
