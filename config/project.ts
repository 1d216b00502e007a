import type { ProjectConfig } from './types';

/**
 * The project's one configuration: name it, point it at your account and list your
 * environments. Every bucket, table and key name is derived from it (naming/names.ts).
 */
export const projectConfig: ProjectConfig = {
  project: 'acme-platform',
  stateRegion: 'us-east-1',
  // Your AWS account ID. The placeholder matches the local emulator (moto), so synth, the quick
  // start and `npm run demo` work as cloned; against real AWS, Terraform refuses to run until you set yours.
  accountId: '123456789012',
  tags: { Owner: 'platform-team' },
  // GitHub Actions roles, a deploy role and a plan role per environment (docs/iam.md, docs/pipeline.md):
  // ci: { github: { repository: 'your-org/your-repo', protectedEnvironments: ['prod'] } },
  environments: {
    // workloads: what each environment deploys, one file each in workloads/ (README: "Add your infrastructure").
    dev: { region: 'us-east-1', tags: { CostCenter: 'engineering' }, workloads: ['app-bucket'] },
    // Terraform refuses to touch prod with credentials of any other account.
    prod: {
      region: 'us-east-1',
      allowedAccountIds: ['123456789012'],
      tags: { CostCenter: 'production' },
      workloads: ['app-bucket'],
    },
  },
};
