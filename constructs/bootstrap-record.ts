import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Construct } from 'constructs';

export interface BootstrapRecordProps {
  /** SSM parameter name, e.g. `/tfstate-bootstrap/acme/version`. */
  readonly name: string;
  readonly version: number;
  readonly environments: readonly string[];
}

// A Standard parameter holds up to 4 KB; a record of many long environment names needs Advanced.
const STANDARD_TIER_LIMIT = 4096;

/** The bootstrap's version and the environments it was deployed for, where environments check them. */
export class BootstrapRecord extends Construct {
  readonly parameter: SsmParameter;

  constructor(scope: Construct, id: string, props: BootstrapRecordProps) {
    super(scope, id);
    const value = JSON.stringify({ version: props.version, environments: [...props.environments].sort() });
    this.parameter = new SsmParameter(this, 'parameter', {
      name: props.name,
      type: 'String',
      value,
      tier: Buffer.byteLength(value) > STANDARD_TIER_LIMIT ? 'Advanced' : 'Standard',
      description: 'Terraform state bootstrap: its version and the environments it serves. Environments check it.',
      lifecycle: { preventDestroy: true },
    });
  }
}
