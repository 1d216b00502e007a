/** The first ```sh code block under the heading `## <title>` (before the next `## `), as written. */
export function shellBlockUnder(markdown: string, title: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start === -1) return undefined;
  const block: string[] = [];
  let inside = false;
  for (const line of lines.slice(start + 1)) {
    if (!inside && line.startsWith('## ')) return undefined;
    if (!inside && /^```(sh|bash|shell)\s*$/.test(line)) {
      inside = true;
      continue;
    }
    if (inside && /^```\s*$/.test(line)) return `${block.join('\n')}\n`;
    if (inside) block.push(line);
  }
  return undefined;
}

export const QUICK_START_HEADING = 'Quick start on the emulator';
