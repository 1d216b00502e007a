import {
  bootstrapInventory,
  describeGrowth,
  describeScale,
  growthPerEnvironment,
  planFlatness,
  planSegments,
  resourceCount,
  scaleTargets,
  type BootstrapInventory,
  type ScalePlanPoint,
  type ScaleResult,
} from '../../../tools/bench/scale-figures';

/** A bootstrap as synthesized for `environments` (the shape that matters here). */
function bootstrapStack(environments: number) {
  const policies = Object.fromEntries(Array.from({ length: environments }, (_, i) => [`state-access_env${i}`, {}]));
  return {
    resource: {
      aws_s3_bucket: { bucket: {} },
      // Emulator mode: the TLS-only bucket policy is left out with count 0.
      aws_s3_bucket_policy: { policy: { count: 0 } },
      aws_dynamodb_table: { table: {} },
      aws_iam_policy: policies,
      aws_s3_bucket_lifecycle_configuration: {
        lifecycle: { rule: Array.from({ length: environments + 2 }, (_, i) => ({ id: `rule-${i}` })) },
      },
    },
  };
}

const inventory = (environments: number): BootstrapInventory => bootstrapInventory(bootstrapStack(environments));

test("a bootstrap's inventory: resource instances by type (count 0 creates none) and its lifecycle rules", () => {
  expect(inventory(2)).toEqual({
    resourcesByType: {
      aws_s3_bucket: 1,
      aws_s3_bucket_policy: 0,
      aws_dynamodb_table: 1,
      aws_iam_policy: 2,
      aws_s3_bucket_lifecycle_configuration: 1,
    },
    lifecycleRules: 4,
  });
  expect(resourceCount(inventory(2))).toBe(5);
  expect(bootstrapInventory({})).toEqual({ resourcesByType: {}, lifecycleRules: 0 });
});

test('growth per environment: only what grew, per added environment', () => {
  const growth = growthPerEnvironment(
    { environments: 2, inventory: inventory(2) },
    { environments: 20, inventory: inventory(20) },
  );
  expect(growth).toEqual({ resourcesByType: { aws_iam_policy: 1 }, lifecycleRules: 1 });
  expect(describeGrowth(growth)).toBe('1 aws_iam_policy + 1 lifecycle rule');
  expect(describeGrowth({ resourcesByType: { aws_iam_policy: 1, aws_iam_role: 1 }, lifecycleRules: 0 })).toBe(
    '1 aws_iam_policy + 1 aws_iam_role',
  );
  expect(describeGrowth({ resourcesByType: {}, lifecycleRules: 0 })).toBe('nothing');
});

const point = (environments: number, runsMs: number[]): ScalePlanPoint => ({
  environments,
  inventory: inventory(environments),
  runsMs,
});

/** Plan time 8 s plus `perEnvironment` ms each, give or take `jitter` ms. */
const linear = (perEnvironment: number, jitter: number) =>
  [2, 20, 100].map((n) =>
    point(
      n,
      [-jitter, 0, jitter].map((j) => 8_000 + perEnvironment * n + j),
    ),
  );

test('plan segments: the difference of medians per added environment, give or take half the two spreads', () => {
  const segments = planSegments(linear(50, 100));
  expect(
    segments.map(({ from, to, msPerEnvironment, lowMs, highMs }) => [from, to, msPerEnvironment, lowMs, highMs]),
  ).toEqual([
    [2, 20, 50, 50 - 200 / 18, 50 + 200 / 18],
    [20, 100, 50, 50 - 200 / 80, 50 + 200 / 80],
  ]);
});

test('flat: met when even the least favourable reading of the spreads stays within 1.5x', () => {
  expect(planFlatness(planSegments(linear(50, 100)), 3)).toEqual({ verdict: 'met' });
  // Under 10 ms per environment at the last step is flat, even when the first step is lost in the spread.
  expect(planFlatness(planSegments(linear(2, 200)), 3)).toEqual({ verdict: 'met' });
});

test('not flat: not met when even the most favourable reading exceeds 1.5x', () => {
  // Quadratic: 2 ms x n^2.
  const quadratic = [2, 20, 100].map((n) =>
    point(
      n,
      [-50, 0, 50].map((j) => 8_000 + 2 * n * n + j),
    ),
  );
  expect(planFlatness(planSegments(quadratic), 3)).toEqual({ verdict: 'not met' });
});

test('unclear within the spread, with one run, or with two counts; not met when resources per environment change', () => {
  expect(planFlatness(planSegments(linear(50, 2_000)), 3)).toEqual({
    verdict: 'unclear',
    note: "within the runs' spread: more --scale-runs, a quieter machine",
  });
  expect(planFlatness(planSegments(linear(50, 0)), 1)).toEqual({
    verdict: 'unclear',
    note: 'needs --scale-runs 3 or more to know the spread',
  });
  expect(planFlatness(planSegments(linear(50, 0).slice(0, 2)), 3)).toEqual({
    verdict: 'unclear',
    note: 'needs three environment counts',
  });
  const changing = linear(50, 0).map((p) =>
    p.environments === 100 ? { ...p, inventory: { ...p.inventory, lifecycleRules: 1 } } : p,
  );
  expect(planFlatness(planSegments(changing), 3)).toEqual({
    verdict: 'not met',
    note: 'the resources per environment change with the count',
  });
});

const RESULT: ScaleResult = {
  synth: [
    { environments: 2, wallMs: 300, peakBytes: 100 * 1024 ** 2 },
    { environments: 20, wallMs: 400, peakBytes: 110 * 1024 ** 2 },
    { environments: 100, wallMs: 900, peakBytes: 200 * 1024 ** 2 },
  ],
  plan: linear(50, 100),
  deploy: {
    parallel: 10,
    rounds: 3,
    singleMs: 20_000,
    parallelMs: 70_000,
    parallelPeakBytes: 6 * 1024 ** 3,
    audit: {
      environments: 33,
      heldLockItems: [],
      digests: 33,
      missingDigests: [],
      lockfileLocksTaken: 33,
      lockfilesNeverTaken: [],
      lockfilesHeld: [],
    },
  },
};

test('the scale lines: synth, plan and deploy tables with their per-environment figures', () => {
  expect(describeScale(RESULT)).toEqual([
    'Synth (the cdktf.json app command, every stack written; no emulator)',
    '  ENVIRONMENTS  WALL (MEDIAN)  PEAK MEMORY',
    '  2             0.30 s         0.10 GiB',
    '  20            0.40 s         0.11 GiB',
    '  100           0.90 s         0.20 GiB',
    '  100 vs 2 environments: 3.00x (target <= 3x); per added environment 6 ms, 1.02 MiB',
    "The bootstrap's plan (terraform plan -refresh=false, empty local state, on the emulator)",
    '  ENVIRONMENTS  RESOURCES  LIFECYCLE RULES  PLAN (MEDIAN)  SPREAD  PER ADDED ENVIRONMENT',
    '  2             5          4                8.10 s         0.20 s',
    '  20            23         22               9.00 s         0.20 s  50 ms (39 ms to 61 ms)',
    '  100           103        102              13.00 s        0.20 s  50 ms (48 ms to 53 ms)',
    '  each environment adds to the bootstrap: 1 aws_iam_policy + 1 lifecycle rule, the same at every count',
    '  per added resource or rule (20->100): 25 ms',
    'Deploy on the emulator (first deploys, workload e2e-bucket, one bootstrap, 3 rounds, medians)',
    '  1 environment                               20.00 s',
    '  10 environments at once (--parallelism 10)  70.00 s  3.50x one (target <= 3x)   6.00 GiB peak',
    '  locks: 33 environments: 33 lockfile locks taken; lock table: 0 lock items, 33 digests; every lock released',
  ]);
});

test('the scale targets: synth ratio, flat plan, parallel deploy, locks', () => {
  expect(scaleTargets(RESULT)).toEqual([
    { figure: 'synth, 100 vs 2 environments', measured: '3.00x', target: '<= 3x', verdict: 'met' },
    {
      figure: 'bootstrap plan per added environment, 20->100 vs 2->20',
      measured: '50 ms vs 50 ms',
      target: 'flat: <= 1.5x, same resources per environment',
      verdict: 'met',
    },
    { figure: 'deploy 10 environments at once vs 1', measured: '3.50x', target: '<= 3x', verdict: 'not met' },
    {
      figure: 'locks after the deploys',
      measured: '0 lock items, 33 digests',
      target: 'every lock taken and released',
      verdict: 'met',
    },
  ]);
  const held = { ...RESULT.deploy.audit, heldLockItems: ['b/r1-p01/terraform.tfstate'] };
  expect(scaleTargets({ ...RESULT, deploy: { ...RESULT.deploy, audit: held } })[3]?.verdict).toBe('not met');
});
