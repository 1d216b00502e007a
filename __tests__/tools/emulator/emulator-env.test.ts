import { EMULATOR_VARIABLE_NAMES, emulatorVariables } from '../../../tools/emulator/emulator-env';
import type { EmulatorState } from '../../../tools/emulator/emulator-files';

const state: EmulatorState = {
  endpoint: 'http://127.0.0.1:41234',
  pid: 4242,
  logFile: '/p/.emulator/moto-41234.log',
  cliConfigFile: '/p/.emulator/terraform.tfrc',
  mirror: '/opt/tf-plugins',
  startedAt: '2026-11-26T10:00:00.000Z',
};

test('with a provider mirror: emulator mode, its CLI config, no cache, own output', () => {
  expect(Object.fromEntries(emulatorVariables(state))).toEqual({
    AWS_ENDPOINT_URL: 'http://127.0.0.1:41234',
    TF_CLI_CONFIG_FILE: '/p/.emulator/terraform.tfrc',
    CHECKPOINT_DISABLE: '1',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    CDKTF_OUTPUT: 'cdktf.out.emulator',
  });
});

test('the same lines with a mirror and without: the committed .terraform.lock.hcl spares cdktf its providers lock', () => {
  const { mirror: _none, ...registry } = state;
  expect(emulatorVariables(registry)).toEqual(emulatorVariables(state));
  expect(EMULATOR_VARIABLE_NAMES).not.toContain('CDKTF_SKIP_PROVIDER_LOCK');
});

test('stop unsets every variable start can set', () => {
  expect([...EMULATOR_VARIABLE_NAMES].sort()).toEqual(
    emulatorVariables(state)
      .map(([name]) => name)
      .sort(),
  );
});
