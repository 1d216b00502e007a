import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The project directory (the one holding cdktf.json), found upwards from this module: the same
 * answer whether the code runs from source (jest) or from its bundle in .build/ (npm scripts).
 */
export function projectRoot(from: string = __dirname): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    if (fs.existsSync(path.join(directory, 'cdktf.json'))) return directory;
    if (path.dirname(directory) === directory) throw new Error(`no cdktf.json above ${from}`);
  }
}
