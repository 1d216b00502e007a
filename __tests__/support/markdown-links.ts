import * as fs from 'node:fs';
import * as path from 'node:path';

// Checks relative links and #anchors in Markdown the way GitHub renders them. Covers what these docs
// use: inline links and images, reference definitions, ATX headings (`## Title`).

/** What the checker may read: the real files, or a map of fixture strings in tests. */
export interface FileSource {
  /** The file's text, or undefined when it does not exist or is a directory. */
  read(file: string): string | undefined;
  /** A file or a directory. */
  exists(file: string): boolean;
}

/** The files under `root`; paths are relative to it. */
export function diskFiles(root: string): FileSource {
  return {
    read: (file) => {
      try {
        return fs.readFileSync(path.join(root, file), 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (file) => fs.existsSync(path.join(root, file)),
  };
}

export function memoryFiles(files: Readonly<Record<string, string>>, directories: readonly string[] = []): FileSource {
  return {
    read: (file) => files[file],
    exists: (file) => file in files || directories.includes(file),
  };
}

/** Lines outside fenced code blocks, with their 1-based numbers; inline code spans blanked. */
function proseLines(markdown: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return;
    }
    if (marker !== undefined) {
      fence = marker;
      return;
    }
    lines.push({ line: index + 1, text: text.replace(/(`+)(?:(?!\1)[^])+?\1/g, '') });
  });
  return lines;
}

/** A heading's anchor by GitHub's rules: its text lowercased, punctuation but - and _ removed, spaces to -. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/`/g, '') // code spans: their content
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1'); // _emphasis_, not snake_case
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor the file's headings produce; repeated slugs get -1, -2, ... as on GitHub. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const text of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

export interface MarkdownLink {
  readonly line: number;
  readonly target: string;
}

/** Link and image targets, inline (`[text](target "title")`) and reference definitions (`[id]: target`). */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { line, text } of proseLines(markdown)) {
    for (const match of text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
      links.push({ line, target: (match[1] ?? '').replace(/^<|>$/g, '') });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(text);
    if (definition !== null) links.push({ line, target: definition[1] ?? '' });
  }
  return links;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i; // https:, mailto:, ...
const GITHUB_LINE_ANCHOR = /^L\d+(-L\d+)?$/;

/** What is wrong with `target`, linked from `file`; undefined when it resolves. */
export function checkTarget(file: string, target: string, files: FileSource): string | undefined {
  if (EXTERNAL.test(target)) return undefined;
  const hash = target.indexOf('#');
  const filePart = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const resolved = filePart === '' ? file : path.normalize(path.join(path.dirname(file), decodeURIComponent(filePart)));
  if (filePart.startsWith('/')) return 'absolute path: link relative to this file instead';
  if (!files.exists(resolved)) return `${resolved} does not exist`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith('.md')) {
    return GITHUB_LINE_ANCHOR.test(anchor) ? undefined : `#${anchor}: not a line anchor (#L12) of a non-Markdown file`;
  }
  const text = files.read(resolved);
  if (text === undefined) return `${resolved} cannot be read`;
  if (headingAnchors(text).has(anchor)) return undefined;
  return `${resolved} has no heading with the anchor #${anchor}`;
}

/** Every broken link in `file`, as "file:line: target: problem". */
export function brokenLinks(file: string, files: FileSource): string[] {
  const text = files.read(file);
  if (text === undefined) return [`${file} cannot be read`];
  return markdownLinks(text).flatMap(({ line, target }) => {
    const problem = checkTarget(file, target, files);
    return problem === undefined ? [] : [`${file}:${line}: ${target}: ${problem}`];
  });
}
