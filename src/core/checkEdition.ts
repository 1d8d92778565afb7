import type { Finding, LintOptions, Severity } from './lint';
import { lintPost } from './lint';
import type { CoverageOptions } from './lintCoverage';
import { lintCoverage } from './lintCoverage';
import type { PostIndex } from './postIndex';
import { indexPost } from './postIndex';

export interface EditionCheckOptions extends LintOptions, CoverageOptions {
  /** The writer's `lwkd.lint.rules`: per rule code, `off` or the severity to use instead. */
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
}

/**
 * An edition as the editor checks it: the style rules, the coverage rules when the other editions
 * are known (`index`; `key` is this edition's key in it), and the writer's per-rule settings.
 */
export function checkEdition(text: string, key: string, index: PostIndex | undefined, options: EditionCheckOptions): Finding[] {
  const findings = lintPost(text, options);
  if (index) {
    findings.push(...lintCoverage(indexPost(key, text), index, options));
  }
  const rules = options.rules ?? {};
  return findings.flatMap((finding) => {
    const rule = rules[finding.code];
    return rule === 'off' ? [] : [rule ? { ...finding, severity: rule } : finding];
  });
}
