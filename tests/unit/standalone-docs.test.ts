import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Code, tests and READMEs must stand alone: a comment states the rule itself, or links the provider's
 * public docs, never a working note that is not in this repository (a design memo, a numbered section
 * or source tag of one, a "seed" document). These patterns are the ways such notes were cited.
 */
const CITATIONS: [string, RegExp][] = [
  ['a note file', /\b(?:providers|reliability|toolchain|on-device|reach-and-ux|style)\.md\b/i],
  // The notes' folder sits beside the repo; a module folder of that name inside the repo would be fine.
  ['a folder outside the repo', /(?:^|[^\w/@.-])(?:\.\.\/)*shared\/(?:seeds|hooks|[\w-]+\.md)/],
  ['a seed document', /\bseeds? ?0\d*/i],
  ['a source tag', /[[(](?:S00\d|H\d|T\d)(?:[,\])]|[–-]T\d)/],
  ['a section sign', /§/],
  ['a numbered rule', /\breliability\s+rules?\b|\brules? \d+\b/i],
];

/**
 * The samples below are assembled from parts (`/` between a word and its tail) so that this file, which
 * must spell the citations out, is not itself reported by a repository-wide search for them.
 */
const cite = (text: string) => text.replaceAll('|', '');

const EXTENSIONS = /\.(?:ts|tsx|md|json|html)$/;
const SKIPPED = /(?:^|\/)node_modules\/|^package-lock\.json$/;
const root = fileURLToPath(new URL('../../', import.meta.url));
const self = fileURLToPath(import.meta.url).slice(root.length);

/** Tracked files plus new ones not yet committed (but not ignored ones), so a citation cannot slip in. */
function projectFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(listed.split('\n'))].filter(
    (path) => EXTENSIONS.test(path) && !SKIPPED.test(path) && path !== self && existsSync(root + path),
  );
}

function citationsIn(text: string): string[] {
  return CITATIONS.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
}

describe('comments and docs stand alone', () => {
  it('recognises each way a working note was cited, and leaves ordinary text alone', () => {
    const cited = [
      cite('the contract of providers|.md §1.A.5'),
      cite('see ../shared|/toolchain.md'),
      cite('the seeds in ../shared|/seeds/'),
      'The older spellings of seeds 000/001',
      "Seed 003's tier table",
      cite('the limits are per minute [S|003]'),
      'a T8 client (S002)',
      cite('67 MP [S|001, H6] vs 70 MP [H5]'),
      'Outputs stay until the user deletes them (T5)',
      cite('reliability| rule 6'),
      'rules 9 and 15',
    ];
    for (const text of cited) expect(citationsIn(text), text).not.toEqual([]);
    const ordinary = [
      'let s = seed >>> 0 || 1;',
      'const T0 = Date.UTC(2025, 2, 2);',
      'new Date(T0 + 90_000)',
      cite('utils/shared-state.ts and @scope/shared|/x'),
      cite("import { recordOf } from '../shared|/records';"),
      'https://developer.hitpaw.com/image/API-reference',
      'tests/README.md, "The one test seam"',
      'Rules the specs follow',
    ];
    for (const text of ordinary) expect(citationsIn(text), text).toEqual([]);
  });

  it('no file of the project cites a document that is not in it', () => {
    const files = projectFiles();
    expect(files.length).toBeGreaterThan(50); // the listing itself worked
    const found: string[] = [];
    for (const path of files) {
      readFileSync(root + path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const kinds = citationsIn(line);
          if (kinds.length > 0) found.push(`${path}:${i + 1} (${kinds.join(', ')}): ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
