import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { BOOTSTRAP_MISSING_WARNING, bootstrapStateRecordsBucket } from '../../stacks/bootstrap-state';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { testConfig } from '../support/fixtures';
import { validateConfig } from '../../config/validate';

describe('bootstrapStateRecordsBucket', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-state-'));
  const file = path.join(dir, 'terraform.bootstrap.tfstate');
  const write = (content: unknown) =>
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));

  test('a missing file records no bucket', () => {
    expect(bootstrapStateRecordsBucket(path.join(dir, 'absent.tfstate'))).toBe(false);
  });

  test('a failed bootstrap (no resources) records no bucket', () => {
    write({ version: 4, resources: [] });
    expect(bootstrapStateRecordsBucket(file)).toBe(false);
  });

  test('an unreadable file records no bucket', () => {
    write('{ not json');
    expect(bootstrapStateRecordsBucket(file)).toBe(false);
  });

  test('a deployed bootstrap records its bucket', () => {
    write({ version: 4, resources: [{ type: 'aws_dynamodb_table' }, { type: 'aws_s3_bucket' }] });
    expect(bootstrapStateRecordsBucket(file)).toBe(true);
  });
});

describe('the hint on environment stacks', () => {
  function warnings(bootstrapStateFound: boolean | undefined): string[] {
    const app: App = Testing.app();
    const stack = new EnvironmentStack(app, 'dev', {
      project: validateConfig(testConfig()),
      environment: 'dev',
      bootstrapStateFound,
    });
    return stack.node.metadata.filter((entry) => entry.type === '@cdktf/warn').map((entry) => String(entry.data));
  }

  test('says to deploy the bootstrap first when its state records no bucket', () => {
    expect(warnings(false)).toEqual([BOOTSTRAP_MISSING_WARNING]);
    expect(BOOTSTRAP_MISSING_WARNING).toContain('npx cdktf deploy bootstrap');
  });

  test('is absent once the bootstrap is recorded (or when not asked)', () => {
    expect(warnings(true)).toEqual([]);
    expect(warnings(undefined)).toEqual([]);
  });
});
