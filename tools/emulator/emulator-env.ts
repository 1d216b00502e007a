import type { EmulatorState } from './emulator-files';

/**
 * Where the cdktf CLI synthesizes while the emulator's variables are set (CDKTF_OUTPUT): apart
 * from cdktf.out, so stacks initialized with emulator backends never mix with the real ones.
 */
export const EMULATOR_OUTPUT_DIRECTORY = 'cdktf.out.emulator';

/** Every variable `start` may set, in the order it prints them; `stop` unsets them all. */
export const EMULATOR_VARIABLE_NAMES = [
  'AWS_ENDPOINT_URL',
  'TF_CLI_CONFIG_FILE',
  'CHECKPOINT_DISABLE',
  'CDKTF_DISABLE_PLUGIN_CACHE_ENV',
  'CDKTF_OUTPUT',
] as const;

/** The variables that aim cdktf, terraform and the project's tools at the emulator in `state`. */
export function emulatorVariables(state: EmulatorState): Array<readonly [string, string]> {
  const variables: Array<readonly [(typeof EMULATOR_VARIABLE_NAMES)[number], string]> = [
    // Emulator mode: the app aims every provider and backend at it (app/emulator-endpoint.ts).
    ['AWS_ENDPOINT_URL', state.endpoint],
    // The emulator's own Terraform CLI configuration: the machine's provider mirror if any, no plugin cache.
    ['TF_CLI_CONFIG_FILE', state.cliConfigFile],
    // No calls to HashiCorp's version-check service (offline they only log errors).
    ['CHECKPOINT_DISABLE', '1'],
    // The cdktf CLI would otherwise point TF_PLUGIN_CACHE_DIR at ~/.terraform.d/plugin-cache.
    ['CDKTF_DISABLE_PLUGIN_CACHE_ENV', '1'],
    // The cdktf CLI reads CDKTF_-prefixed variables as its options: --output.
    ['CDKTF_OUTPUT', EMULATOR_OUTPUT_DIRECTORY],
  ];
  // No CDKTF_SKIP_PROVIDER_LOCK, even offline: the synth puts the committed .terraform.lock.hcl into
  // every stack, and with a lock that matches cdktf runs no `terraform providers lock`
  // (docs/provider-lock.md). Only --migrate-state still does: add --skip-provider-lock to that.
  return variables;
}
