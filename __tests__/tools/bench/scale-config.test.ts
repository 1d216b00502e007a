import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  deployRounds,
  numberedNames,
  roundEnvironments,
  scaleConfig,
  SCALE_WORKLOAD,
  SCALE_WORKLOAD_FILE,
} from '../../../tools/bench/scale-config';
import { validateProject } from '../../../naming/project';

test('numbered names sort as numbered', () => {
  expect(numberedNames('env', 3)).toEqual(['env01', 'env02', 'env03']);
  const hundred = numberedNames('env', 100);
  expect(hundred).toHaveLength(100);
  expect([hundred[0], hundred[99]]).toEqual(['env001', 'env100']);
  expect([...hundred].sort()).toEqual(hundred);
});

test('a scale configuration is valid at the largest count the bench allows, every environment alike', () => {
  const names = numberedNames('env', 500);
  const project = validateProject(scaleConfig('scale-synth-500', names));
  expect(Object.keys(project.config.environments)).toEqual(names);
  expect(project.config.locking).toBe('dynamodb+s3');
  expect(project.config.environments.env001).toEqual({ region: 'us-east-1', workloads: [SCALE_WORKLOAD] });
  expect(project.names.environments.env500?.lockfileKey).toBe('env500/terraform.tfstate.tflock');
});

test('the workload the configurations name is where the bench copies it from', () => {
  expect(fs.existsSync(path.resolve(__dirname, '../../..', SCALE_WORKLOAD_FILE))).toBe(true);
});

test('deploy rounds: fresh environments each round, one alone and the parallel ones, all valid names', () => {
  const rounds = deployRounds(2, 3);
  expect(rounds).toEqual([
    { single: 'r1-one', parallel: ['r1-p01', 'r1-p02', 'r1-p03'] },
    { single: 'r2-one', parallel: ['r2-p01', 'r2-p02', 'r2-p03'] },
  ]);
  const environments = roundEnvironments(rounds);
  expect(new Set(environments).size).toBe(8);
  expect(() => validateProject(scaleConfig('scale-deploy', environments))).not.toThrow();
});
