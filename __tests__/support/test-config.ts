import type { ProjectConfig } from '../../config/types';

// Configurations for tests. No cdktf here: most tests only validate, and loading cdktf costs each
// test file a tenth of a second (fixtures.ts synthesizes).

/**
 * A fixed configuration for tests, independent of the user's config/project.ts so that
 * editing the project's configuration does not break the test suite's snapshots.
 */
export function testConfig(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return {
    project: 'acme',
    stateRegion: 'eu-west-1',
    accountId: '111122223333',
    tags: { Owner: 'platform' },
    environments: {
      dev: { region: 'eu-west-1', tags: { CostCenter: 'dev' } },
      prod: { region: 'eu-central-1', allowedAccountIds: ['444455556666'] },
    },
    ...overrides,
  };
}

/** The layout of docs/multi-account.md: state in one account, dev and prod each in their own. */
export const STATE_ACCOUNT = '111111111111';
/** The roles Terraform's providers assume in dev's and prod's accounts (deployRoleArn). */
export const DEV_DEPLOYER = 'arn:aws:iam::222222222222:role/terraform-deploy';
export const PROD_DEPLOYER = 'arn:aws:iam::333333333333:role/terraform-deploy';
/** Who runs Terraform for dev and prod (a person's role in each account): their stateAccessPrincipals. */
export const DEV_RUNNER = 'arn:aws:iam::222222222222:role/platform-engineer';
export const PROD_RUNNER = 'arn:aws:iam::333333333333:role/platform-engineer';

export function threeAccounts(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return testConfig({
    accountId: STATE_ACCOUNT,
    environments: {
      dev: {
        region: 'eu-west-1',
        accountId: '222222222222',
        deployRoleArn: DEV_DEPLOYER,
        stateAccessPrincipals: [DEV_RUNNER],
      },
      prod: {
        region: 'eu-central-1',
        accountId: '333333333333',
        deployRoleArn: PROD_DEPLOYER,
        stateAccessPrincipals: [PROD_RUNNER],
      },
    },
    ...overrides,
  });
}
