import { validateProject } from '../../../naming/project';
import { awsOperatingContext, awsReplicaSource, whoRuns } from '../../../tools/ops/context';
import { debugVariable, reportFailure } from '../../../tools/ops/run-tool';
import { ToolError } from '../../../tools/cli/errors';
import { testConfig, threeAccounts } from '../../support/test-config';
import { FakeIo } from '../locks/support/fake-io';

// Builds clients only; nothing here sends a request.
describe('the operating tools share one context', () => {
  test('the state store of the state bucket and lock table, in the state region', () => {
    const context = awsOperatingContext(validateProject(testConfig()), {});
    expect(context.store.location).toEqual({
      bucket: 'acme-tfstate-111122223333-eu-west-1',
      table: 'acme-tfstate-lock',
      region: 'eu-west-1',
    });
    expect(context.replica).toBeUndefined();
    expect(context.who).toMatch(/^.+@.+$/);
    expect(context.newLockId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('environments in other accounts through their state roles, as the lock tool', () => {
    expect(awsOperatingContext(validateProject(threeAccounts()), {}).store.constructor.name).toBe(
      'PerEnvironmentStateStore',
    );
  });

  test('the replica bucket in its region, on the emulator when AWS_ENDPOINT_URL is set', () => {
    const project = validateProject(testConfig({ stateReplicaRegion: 'eu-central-1' }));
    const context = awsOperatingContext(project, { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' });
    expect(context.replica?.().location).toEqual({
      bucket: 'acme-tfstate-111122223333-eu-central-1',
      table: 'acme-tfstate-lock',
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:5000',
    });
    expect(() => awsReplicaSource(validateProject(testConfig()), {})).toThrow('no replica');
  });

  test('who runs it reads as Terraform writes it', () => {
    expect(whoRuns()).toContain('@');
  });
});

describe('one set of conventions', () => {
  test('<TOOL>_DEBUG shows the stack of an unexpected error', () => {
    expect(debugVariable({ name: 'state' })).toBe('STATE_DEBUG');
    const io = new FakeIo();
    expect(reportFailure({ name: 'state' }, new Error('boom'), io, {})).toBe(1);
    expect(io.stderr).toBe('state: unexpected error: boom (set STATE_DEBUG=1 for details)\n');
    const debug = new FakeIo();
    reportFailure({ name: 'state' }, new Error('boom'), debug, { STATE_DEBUG: '1' });
    expect(debug.stderr).toContain('\n    at ');
  });

  test('a ToolError is one line, exit 1', () => {
    const io = new FakeIo();
    expect(reportFailure({ name: 'teardown' }, new ToolError('no bucket'), io, {})).toBe(1);
    expect(io.stderr).toBe('teardown: no bucket\n');
  });
});
