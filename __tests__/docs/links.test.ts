import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  brokenLinks,
  checkTarget,
  diskFiles,
  githubSlug,
  headingAnchors,
  markdownLinks,
  memoryFiles,
} from '../support/markdown-links';

const ROOT = path.resolve(__dirname, '../..');
const DOCS = fs
  .readdirSync(path.join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => path.join('docs', name));
const PAGES = ['README.md', ...DOCS];

describe('the documentation', () => {
  test.each(PAGES)('%s: every relative link and #anchor resolves', (page) => {
    expect(brokenLinks(page, diskFiles(ROOT))).toEqual([]);
  });

  test('every page in docs/ is linked from the README', () => {
    const linked = new Set(
      markdownLinks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).map(({ target }) => target.split('#')[0]),
    );
    expect(DOCS.filter((page) => !linked.has(page))).toEqual([]);
  });

  test("the README stays a newcomer's path: at most 250 lines", () => {
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(250);
  });

  // Messages and comments that send the reader to a page: "see docs/locking-modes.md#going-back".
  const SOURCES = ['config', 'naming', 'constructs', 'stacks', 'app', 'main.ts', 'tools', 'scripts', '__tests__'];
  const sourceFiles = SOURCES.flatMap((entry) => {
    const full = path.join(ROOT, entry);
    if (fs.statSync(full).isFile()) return [full];
    return fs
      .readdirSync(full, { withFileTypes: true, recursive: true })
      .filter((dirent) => dirent.isFile() && /\.(ts|js)$/.test(dirent.name))
      .map((dirent) => path.join(dirent.parentPath, dirent.name));
  }).concat(path.join(ROOT, '.gitignore'));
  const mentions = sourceFiles.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/\bdocs\/[\w.-]+\.md(?:#[\w-]+)?/g)].map((match) => ({
      file: path.relative(ROOT, file),
      target: match[0],
    })),
  );

  test('the source names docs pages (the check below has something to check)', () => {
    expect(mentions.map(({ target }) => target)).toContain('docs/bootstrap-state.md');
  });

  test.each(mentions.filter(({ file }) => !file.startsWith(path.join('__tests__', 'docs'))))(
    '$file names $target, which exists',
    ({ target }) => {
      expect(checkTarget('README.md', target, diskFiles(ROOT))).toBeUndefined();
    },
  );
});

describe("GitHub's heading anchors", () => {
  test.each([
    ['Quick start on the emulator', 'quick-start-on-the-emulator'],
    ['State lock vs `.terraform.lock.hcl`', 'state-lock-vs-terraformlockhcl'],
    [
      'State locking and `.terraform.lock.hcl` are different things',
      'state-locking-and-terraformlockhcl-are-different-things',
    ],
    ['npm run demo', 'npm-run-demo'],
    ['Non-interactive use (CI, scripts)', 'non-interactive-use-ci-scripts'],
    ['What `locking: "s3"` needs?', 'what-locking-s3-needs'],
    ['snake_case and _emphasis_', 'snake_case-and-emphasis'],
    ['A [linked](docs/x.md) heading', 'a-linked-heading'],
    ['Über größe', 'über-größe'],
    ['Two  spaces', 'two--spaces'],
  ])('%s -> #%s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  test('repeated headings get -1, -2; headings in code blocks are not headings', () => {
    const markdown = ['# Steps', '## Steps', '```sh', '# Steps', '```', '### Steps ###', 'Steps', '====='].join('\n');
    expect([...headingAnchors(markdown)]).toEqual(['steps', 'steps-1', 'steps-2']);
  });
});

describe('the checker', () => {
  const files = memoryFiles(
    {
      'README.md': '# Title\n\n## Quick start\n\nSee [the emulator](docs/emulator.md#npm-run-emulator).\n',
      'docs/emulator.md': '# Emulator\n\n## npm run emulator\n\nBack to [the README](../README.md#quick-start).\n',
      'tools/x.ts': '',
    },
    ['docs'],
  );

  test('finds links outside code, with their lines; skips code blocks and code spans', () => {
    const markdown = [
      '[a](docs/a.md) and ![img](docs/i.png "title")',
      '`[not](a.md)` and',
      '```md',
      '[also not](x.md)',
      '```',
      '[ref]: docs/ref.md',
      '[external](https://example.com/x#y)',
    ].join('\n');
    expect(markdownLinks(markdown)).toEqual([
      { line: 1, target: 'docs/a.md' },
      { line: 1, target: 'docs/i.png' },
      { line: 6, target: 'docs/ref.md' },
      { line: 7, target: 'https://example.com/x#y' },
    ]);
  });

  test('accepts links that resolve: files, directories, anchors across files and back', () => {
    expect(brokenLinks('README.md', files)).toEqual([]);
    expect(brokenLinks('docs/emulator.md', files)).toEqual([]);
    expect(checkTarget('README.md', 'docs', files)).toBeUndefined();
    expect(checkTarget('README.md', '#title', files)).toBeUndefined();
    expect(checkTarget('README.md', 'tools/x.ts#L3-L9', files)).toBeUndefined();
    expect(checkTarget('README.md', 'https://example.com/#nothing', files)).toBeUndefined();
  });

  test('fails on a broken link: a missing file, a missing anchor, in this file or another', () => {
    const broken = memoryFiles({
      'README.md': [
        '# Title',
        'See [gone](docs/gone.md), [typo](#titel), [moved](docs/emulator.md#emulator-mode),',
        'and [absolute](/docs/emulator.md).',
      ].join('\n'),
      'docs/emulator.md': '# Emulator\n\n## npm run emulator\n',
    });
    expect(brokenLinks('README.md', broken)).toEqual([
      'README.md:2: docs/gone.md: docs/gone.md does not exist',
      'README.md:2: #titel: README.md has no heading with the anchor #titel',
      'README.md:2: docs/emulator.md#emulator-mode: docs/emulator.md has no heading with the anchor #emulator-mode',
      'README.md:3: /docs/emulator.md: absolute path: link relative to this file instead',
    ]);
  });

  test('fails on an anchor into a file that is not Markdown, unless it is a line anchor', () => {
    expect(checkTarget('README.md', 'tools/x.ts#main', files)).toBe(
      '#main: not a line anchor (#L12) of a non-Markdown file',
    );
  });
});
