import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root, found from wherever the bundle runs (out/test/... or the source tree). */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lwkd-author') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No lwkd-author package.json above ${start}`);
    }
    dir = parent;
  }
}

export const projectRoot = findProjectRoot(__dirname);
export const resultsDir = join(projectRoot, 'test-results');

/**
 * The real LWKD subset (CC BY 4.0) that CI places beside the checkout as ../shared/lwkd-sample.
 * Tests read it, never copy it. `LWKD_SAMPLE_DIR` points elsewhere.
 */
export const lwkdSampleDir = process.env.LWKD_SAMPLE_DIR ?? join(projectRoot, '..', 'shared', 'lwkd-sample');
