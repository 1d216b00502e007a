// The scale figures (issue 10 item 4) as numbers, verdicts and lines: everything but the measuring.
import { formatTable } from '../cli/text-table';
import { describeLockAudit, locksClean, type LockAudit } from './lock-audit';
import { gibibytes, median, ratio, seconds } from './measure';
import { atMost, type TargetCheck, type Verdict } from './targets';

/** Synth of the largest count at most this many times the smallest (the require floor dominates). */
export const SYNTH_SCALE_TARGET = 3;
/** Ten environments deployed at once in at most this many times one. */
export const DEPLOY_SCALE_TARGET = 3;
/**
 * The plan's time per added environment may grow this much from the first step of counts to the
 * last before it counts as slowing down; per-environment work that is truly flat reads 1x.
 */
export const PLAN_FLATNESS_TOLERANCE = 1.5;
/** Fewer runs than this say nothing about their spread, and the flatness verdict needs it. */
export const MIN_RUNS_FOR_SPREAD = 3;
/** An added environment that costs less plan time than this is flat by any reading. */
export const PLAN_FLAT_FLOOR_MS = 10;

export interface ScaleSynthPoint {
  readonly environments: number;
  /** Median wall time of the app command. */
  readonly wallMs: number;
  /** Median of each run's peak resident memory of the whole process tree. */
  readonly peakBytes: number;
}

/** What a synthesized bootstrap stack creates: resource instances by type, and its lifecycle rules (blocks in one resource). */
export interface BootstrapInventory {
  readonly resourcesByType: Readonly<Record<string, number>>;
  readonly lifecycleRules: number;
}

export interface ScalePlanPoint {
  readonly environments: number;
  readonly inventory: BootstrapInventory;
  /** Wall time of each `terraform plan` run. */
  readonly runsMs: readonly number[];
}

export interface ScaleDeployFigures {
  readonly parallel: number;
  readonly rounds: number;
  /** Median first deploy of one environment. */
  readonly singleMs: number;
  /** Median first deploy of `parallel` environments with cdktf's --parallelism. */
  readonly parallelMs: number;
  readonly parallelPeakBytes: number;
  readonly audit: LockAudit;
}

export interface ScaleResult {
  readonly synth: readonly ScaleSynthPoint[];
  readonly plan: readonly ScalePlanPoint[];
  readonly deploy: ScaleDeployFigures;
}

interface SynthesizedStack {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Instances a resource block creates: its literal `count` (emulator mode sets 0 on the TLS-only policy), else one. */
function instances(body: unknown): number {
  const count = (body as { count?: unknown }).count;
  return typeof count === 'number' ? count : 1;
}

export function bootstrapInventory(stack: SynthesizedStack): BootstrapInventory {
  const resources = stack.resource ?? {};
  const lifecycleRules = Object.values(resources.aws_s3_bucket_lifecycle_configuration ?? {}).reduce<number>(
    (sum, body) => sum + ((body as { rule?: unknown[] }).rule?.length ?? 0),
    0,
  );
  return {
    resourcesByType: Object.fromEntries(
      Object.entries(resources).map(([type, byName]) => [
        type,
        Object.values(byName).reduce<number>((sum, body) => sum + instances(body), 0),
      ]),
    ),
    lifecycleRules,
  };
}

export function resourceCount(inventory: BootstrapInventory): number {
  return Object.values(inventory.resourcesByType).reduce((sum, count) => sum + count, 0);
}

/** What each environment added between two counts: resources by type (only those that grew) and lifecycle rules. */
export interface Growth {
  readonly resourcesByType: Readonly<Record<string, number>>;
  readonly lifecycleRules: number;
}

export function growthPerEnvironment(
  from: { readonly environments: number; readonly inventory: BootstrapInventory },
  to: { readonly environments: number; readonly inventory: BootstrapInventory },
): Growth {
  const added = to.environments - from.environments;
  const types = new Set([...Object.keys(from.inventory.resourcesByType), ...Object.keys(to.inventory.resourcesByType)]);
  const resourcesByType: Record<string, number> = {};
  for (const type of [...types].sort()) {
    const grown = (to.inventory.resourcesByType[type] ?? 0) - (from.inventory.resourcesByType[type] ?? 0);
    if (grown !== 0) resourcesByType[type] = grown / added;
  }
  return { resourcesByType, lifecycleRules: (to.inventory.lifecycleRules - from.inventory.lifecycleRules) / added };
}

function sameGrowth(a: Growth, b: Growth): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Resources and rules one environment adds, e.g. "1 aws_iam_policy + 1 lifecycle rule". */
export function describeGrowth(growth: Growth): string {
  const parts = Object.entries(growth.resourcesByType).map(([type, count]) => `${count} ${type}`);
  if (growth.lifecycleRules !== 0)
    parts.push(`${growth.lifecycleRules} lifecycle rule${growth.lifecycleRules === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'nothing' : parts.join(' + ');
}

/** Plan time one added environment costs between two counts, with the range the runs' spread allows. */
export interface PlanSegment {
  readonly from: number;
  readonly to: number;
  readonly msPerEnvironment: number;
  readonly lowMs: number;
  readonly highMs: number;
  readonly growth: Growth;
}

function spread(runs: readonly number[]): number {
  return Math.max(...runs) - Math.min(...runs);
}

/** Each step between consecutive counts; the difference of medians, give or take half the two spreads. */
export function planSegments(points: readonly ScalePlanPoint[]): PlanSegment[] {
  return points.slice(1).map((to, index) => {
    const from = points[index] as ScalePlanPoint;
    const added = to.environments - from.environments;
    const difference = median(to.runsMs) - median(from.runsMs);
    const noise = (spread(from.runsMs) + spread(to.runsMs)) / 2;
    return {
      from: from.environments,
      to: to.environments,
      msPerEnvironment: difference / added,
      lowMs: (difference - noise) / added,
      highMs: (difference + noise) / added,
      growth: growthPerEnvironment(from, to),
    };
  });
}

/**
 * Whether the plan's cost per environment stays flat: the bootstrap adds the same resources per
 * environment at every count, and an environment added at the last step costs at most
 * PLAN_FLATNESS_TOLERANCE times one added at the first. Met when the least favourable reading of
 * the spreads still holds (or the last step costs under PLAN_FLAT_FLOOR_MS); not met when even
 * the most favourable does not; otherwise unclear.
 */
export function planFlatness(
  segments: readonly PlanSegment[],
  runs: number,
): { readonly verdict: Verdict; readonly note?: string } {
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first === undefined || last === undefined || first === last) {
    return { verdict: 'unclear', note: 'needs three environment counts' };
  }
  if (!segments.every((segment) => sameGrowth(segment.growth, first.growth))) {
    return { verdict: 'not met', note: 'the resources per environment change with the count' };
  }
  if (runs < MIN_RUNS_FOR_SPREAD) {
    return { verdict: 'unclear', note: `needs --scale-runs ${MIN_RUNS_FOR_SPREAD} or more to know the spread` };
  }
  if (last.highMs <= Math.max(PLAN_FLATNESS_TOLERANCE * first.lowMs, PLAN_FLAT_FLOOR_MS)) return { verdict: 'met' };
  if (last.lowMs > Math.max(PLAN_FLATNESS_TOLERANCE * first.highMs, PLAN_FLAT_FLOOR_MS)) return { verdict: 'not met' };
  return { verdict: 'unclear', note: "within the runs' spread: more --scale-runs, a quieter machine" };
}

function milliseconds(ms: number): string {
  return `${Math.round(ms)} ms`;
}

function describeSynthPoints(points: readonly ScaleSynthPoint[]): string[] {
  const first = points[0];
  const last = points[points.length - 1];
  const lines = formatTable(
    [
      ['ENVIRONMENTS', 'WALL (MEDIAN)', 'PEAK MEMORY'],
      ...points.map((point) => [String(point.environments), seconds(point.wallMs), gibibytes(point.peakBytes)]),
    ],
    '  ',
  );
  if (first !== undefined && last !== undefined && first !== last) {
    const added = last.environments - first.environments;
    lines.push(
      `  ${last.environments} vs ${first.environments} environments: ${ratio(last.wallMs, first.wallMs)} (target <= ${SYNTH_SCALE_TARGET}x); ` +
        `per added environment ${milliseconds((last.wallMs - first.wallMs) / added)}, ` +
        `${((last.peakBytes - first.peakBytes) / added / 1024 ** 2).toFixed(2)} MiB`,
    );
  }
  return lines;
}

function describePlanPoints(points: readonly ScalePlanPoint[]): string[] {
  const segments = planSegments(points);
  const lines = formatTable(
    [
      ['ENVIRONMENTS', 'RESOURCES', 'LIFECYCLE RULES', 'PLAN (MEDIAN)', 'SPREAD', 'PER ADDED ENVIRONMENT'],
      ...points.map((point, index) => {
        const segment = index === 0 ? undefined : segments[index - 1];
        return [
          String(point.environments),
          String(resourceCount(point.inventory)),
          String(point.inventory.lifecycleRules),
          seconds(median(point.runsMs)),
          seconds(spread(point.runsMs)),
          segment === undefined
            ? ''
            : `${milliseconds(segment.msPerEnvironment)} (${milliseconds(segment.lowMs)} to ${milliseconds(segment.highMs)})`,
        ];
      }),
    ],
    '  ',
  );
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first !== undefined && last !== undefined) {
    const same = segments.every((segment) => sameGrowth(segment.growth, first.growth));
    lines.push(
      same
        ? `  each environment adds to the bootstrap: ${describeGrowth(first.growth)}, the same at every count`
        : `  each environment adds to the bootstrap: ${segments.map((s) => `${s.from}->${s.to}: ${describeGrowth(s.growth)}`).join('; ')}`,
    );
    const items =
      Object.values(last.growth.resourcesByType).reduce((sum, count) => sum + count, 0) + last.growth.lifecycleRules;
    if (items > 0) {
      lines.push(
        `  per added resource or rule (${last.from}->${last.to}): ${milliseconds(last.msPerEnvironment / items)}`,
      );
    }
  }
  return lines;
}

function describeDeploy(deploy: ScaleDeployFigures): string[] {
  return formatTable(
    [
      ['1 environment', seconds(deploy.singleMs), ''],
      [
        `${deploy.parallel} environments at once (--parallelism ${deploy.parallel})`,
        seconds(deploy.parallelMs),
        `${ratio(deploy.parallelMs, deploy.singleMs)} one (target <= ${DEPLOY_SCALE_TARGET}x)   ${gibibytes(deploy.parallelPeakBytes)} peak`,
      ],
    ],
    '  ',
  ).concat([`  locks: ${describeLockAudit(deploy.audit)}`]);
}

export function describeScale(result: ScaleResult): string[] {
  const { deploy } = result;
  return [
    'Synth (the cdktf.json app command, every stack written; no emulator)',
    ...describeSynthPoints(result.synth),
    "The bootstrap's plan (terraform plan -refresh=false, empty local state, on the emulator)",
    ...describePlanPoints(result.plan),
    `Deploy on the emulator (first deploys, workload e2e-bucket, one bootstrap, ${deploy.rounds} round${deploy.rounds === 1 ? '' : 's'}, medians)`,
    ...describeDeploy(deploy),
  ];
}

export function scaleTargets(result: ScaleResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const first = result.synth[0];
  const last = result.synth[result.synth.length - 1];
  if (first !== undefined && last !== undefined && first !== last) {
    checks.push({
      figure: `synth, ${last.environments} vs ${first.environments} environments`,
      measured: ratio(last.wallMs, first.wallMs),
      target: `<= ${SYNTH_SCALE_TARGET}x`,
      verdict: atMost(last.wallMs / first.wallMs, SYNTH_SCALE_TARGET),
    });
  }
  const segments = planSegments(result.plan);
  const firstStep = segments[0];
  const lastStep = segments[segments.length - 1];
  if (firstStep !== undefined && lastStep !== undefined) {
    checks.push({
      figure: `bootstrap plan per added environment, ${lastStep.from}->${lastStep.to} vs ${firstStep.from}->${firstStep.to}`,
      measured: `${milliseconds(lastStep.msPerEnvironment)} vs ${milliseconds(firstStep.msPerEnvironment)}`,
      target: `flat: <= ${PLAN_FLATNESS_TOLERANCE}x, same resources per environment`,
      ...planFlatness(segments, Math.min(...result.plan.map((point) => point.runsMs.length))),
    });
  }
  const { deploy } = result;
  checks.push(
    {
      figure: `deploy ${deploy.parallel} environments at once vs 1`,
      measured: ratio(deploy.parallelMs, deploy.singleMs),
      target: `<= ${DEPLOY_SCALE_TARGET}x`,
      verdict: atMost(deploy.parallelMs / deploy.singleMs, DEPLOY_SCALE_TARGET),
    },
    {
      figure: 'locks after the deploys',
      measured: `${deploy.audit.heldLockItems.length} lock items, ${deploy.audit.digests} digests`,
      target: 'every lock taken and released',
      verdict: locksClean(deploy.audit) ? 'met' : 'not met',
    },
  );
  return checks;
}
