import { spawnSync } from 'node:child_process';
import { MOTO_COMMAND } from './moto';
import {
  awsProviderVersion,
  findProviderMirror,
  PROVIDER_MIRROR_VARIABLE,
  registryRequested,
} from '../terraform/provider-mirror';

export interface Prerequisites {
  readonly terraformVersion: string;
  /** Undefined: no offline mirror, Terraform downloads from the registry. */
  readonly mirror?: string;
}

function onPath(command: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/**
 * Checks what the emulator suites need and fails at once with what to install, instead of
 * letting a test hang or skip.
 */
export function checkPrerequisites({
  needEmulator,
  needMirror,
}: {
  needEmulator: boolean;
  needMirror: boolean;
}): Prerequisites {
  const missing: string[] = [];
  const terraform = onPath('terraform', ['version', '-json']);
  let terraformVersion = '';
  if (terraform.ok) {
    terraformVersion = (JSON.parse(terraform.stdout) as { terraform_version: string }).terraform_version;
  } else {
    missing.push(
      'terraform is not on PATH: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)',
    );
  }
  const mirror = findProviderMirror();
  if (needMirror && mirror === undefined && !registryRequested()) {
    missing.push(
      `no Terraform filesystem mirror holds hashicorp/aws ${awsProviderVersion()}: set ${PROVIDER_MIRROR_VARIABLE} to one ` +
        `(a directory containing registry.terraform.io/hashicorp/aws/...), or ${PROVIDER_MIRROR_VARIABLE}=registry to download from the public registry`,
    );
  }
  if (needEmulator && !onPath(MOTO_COMMAND, ['--help']).ok) {
    missing.push(`${MOTO_COMMAND} is not on PATH: install the moto AWS emulator with pip install 'moto[server]'`);
  }
  if (missing.length > 0) throw new Error(`Missing prerequisites:\n  - ${missing.join('\n  - ')}`);
  return { terraformVersion, mirror };
}
