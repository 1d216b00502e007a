import { Testing } from 'cdktf';
import { applyTeardownMode, TEARDOWN_VARIABLE, teardownRequested } from '../../app/teardown-mode';
import { validateProject } from '../../naming/project';
import { addProjectStacks } from '../../stacks';
import { TEST_BOOTSTRAP_STATE_PATH, type SynthesizedStack } from '../support/fixtures';
import { testConfig } from '../support/test-config';

function synthBootstrap(teardown: boolean): SynthesizedStack {
  const app = Testing.app();
  const { bootstrap } = addProjectStacks(app, validateProject(testConfig({ stateEncryption: 'customer-managed' })), {
    bootstrapStatePath: TEST_BOOTSTRAP_STATE_PATH,
  });
  if (teardown) applyTeardownMode(app);
  return JSON.parse(Testing.synth(bootstrap)) as SynthesizedStack;
}

describe('teardown mode', () => {
  const normal = synthBootstrap(false);
  const lifted = synthBootstrap(true);
  const all = (stack: SynthesizedStack) =>
    Object.entries(stack.resource).flatMap(([type, byId]) =>
      Object.values(byId).map((resource) => ({ type, resource })),
    );

  test("is requested only by the variable naming this project's bucket", () => {
    expect(teardownRequested('acme-state', { [TEARDOWN_VARIABLE]: 'acme-state' })).toBe(true);
    expect(teardownRequested('acme-state', { [TEARDOWN_VARIABLE]: 'other' })).toBe(false);
    expect(teardownRequested('acme-state', {})).toBe(false);
  });

  test('turns off prevent_destroy on every resource that has it (the storage; IAM never has it)', () => {
    const isGuarded = (resource: Record<string, unknown>) =>
      (resource.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true;
    expect(all(normal).filter(({ resource }) => isGuarded(resource)).length).toBeGreaterThanOrEqual(10);
    expect(all(lifted).filter(({ resource }) => isGuarded(resource))).toEqual([]);
    const unguarded = all(normal)
      .filter(({ resource }) => !isGuarded(resource))
      .map(({ type }) => type);
    for (const type of unguarded) expect(type).toMatch(/^aws_iam_/);
  });

  test("lifts the table's deletion protection, empties the bucket on destroy, and shortens the key's window to 7 days", () => {
    const one = (stack: SynthesizedStack, type: string) => Object.values(stack.resource[type] ?? {})[0]!;
    expect(one(lifted, 'aws_dynamodb_table').deletion_protection_enabled).toBe(false);
    expect(one(lifted, 'aws_s3_bucket').force_destroy).toBe(true);
    expect(one(lifted, 'aws_kms_key').deletion_window_in_days).toBe(7);
    expect(one(normal, 'aws_s3_bucket').force_destroy).toBe(false);
    expect(one(normal, 'aws_kms_key').deletion_window_in_days).toBe(30);
  });

  test('changes nothing else', () => {
    const strip = (stack: SynthesizedStack) =>
      all(stack).map(({ type, resource }) => {
        const {
          lifecycle: _lifecycle,
          deletion_protection_enabled: _protection,
          force_destroy: _force,
          deletion_window_in_days: _window,
          ...rest
        } = resource;
        return { type, rest };
      });
    expect(strip(lifted)).toEqual(strip(normal));
  });
});
