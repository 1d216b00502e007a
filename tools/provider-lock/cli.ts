// Entry of `npm run providers:lock` (bundled and run by scripts/run-app.js): writes the project's
// .terraform.lock.hcl from the provider mirror on the machine (offline), or from the registry for
// every platform. See docs/provider-lock.md.
import { ToolError } from '../cli/errors';
import { EXIT_OK, EXIT_PROBLEM } from '../cli/exit-codes';
import { PROCESS_OUTPUT } from '../cli/output';
import { parseCommandLine, readCommandLine } from '../cli/usage';
import { projectRoot } from '../project-root';
import { findProviderMirror } from '../terraform/provider-mirror';
import { ALL_PLATFORMS, lockProviders } from './lock-providers';

const USAGE = `Usage: npm run providers:lock [-- --platform <os_arch> ...]

Writes .terraform.lock.hcl at the project root: the providers the stacks require, with checksums.
With a provider mirror on the machine (TF_PROVIDER_MIRROR=<dir>, or found), offline, for the
platforms the mirror holds. With TF_PROVIDER_MIRROR=registry, from the registry, for
${ALL_PLATFORMS.join(', ')}.
Checksums already in the file for other platforms are kept. Commit the file.
`;

async function main(argv: readonly string[]): Promise<number> {
  const command = readCommandLine(
    () => {
      const { values } = parseCommandLine({
        args: [...argv],
        options: {
          platform: { type: 'string', multiple: true },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
      return { help: values.help ?? false, platforms: values.platform };
    },
    { name: 'providers:lock', usage: USAGE },
  );
  if ('exitCode' in command) return command.exitCode;
  try {
    const mirror = findProviderMirror();
    const result = await lockProviders({ projectRoot: projectRoot(), mirror, platforms: command.args.platforms });
    const from = mirror === undefined ? 'the registry' : `the mirror ${mirror}`;
    PROCESS_OUTPUT.out(
      `${result.terraformOutput}\n\n${result.lockFile}: ${result.changed ? 'written' : 'unchanged'} ` +
        `(checksums from ${from} for ${result.platforms.join(', ')}). Commit it.\n`,
    );
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof ToolError || (error instanceof Error && /TF_PROVIDER_MIRROR/.test(error.message))))
      throw error;
    PROCESS_OUTPUT.err(`providers:lock: ${error.message}\n`);
    return EXIT_PROBLEM;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
