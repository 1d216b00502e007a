import { parseCommandLine } from '../cli/usage';

export interface DemoArgs {
  /** Leave the emulator running (and the scratch copy in place) at the end. */
  readonly keep: boolean;
  readonly help: boolean;
}

export const DEMO_USAGE = `Usage: npm run demo [-- --keep]

Bootstraps this project's Terraform remote state on a local AWS emulator (moto), the way you
would on AWS, without an account: starts moto on a free loopback port, copies the project into a
scratch directory, synthesizes it in emulator mode, runs cdktf deploy bootstrap, then every
environment in config/project.ts (dev and prod as shipped), and prints what now exists and how
to look at it.
Your terraform.bootstrap.tfstate and cdktf.out are never touched.

Options:
  --keep       Leave the emulator running at the end and print its endpoint, PID, the scratch
               directory and how to stop it
  -h, --help   Show this help

Needs terraform, the hashicorp/aws provider (an offline mirror, or TF_PROVIDER_MIRROR=registry)
and moto_server (pip install 'moto[server]'). Takes about 90 s, most of it the bootstrap.
`;

/** The command line as options, or a UsageError saying what is wrong with it. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const { values } = parseCommandLine({
    args: [...argv],
    options: { keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
    strict: true,
  });
  return { keep: values.keep === true, help: values.help === true };
}
