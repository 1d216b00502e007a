import type { ValidProject } from '../../naming/project';
import type { AwsClients } from './clients';

/** Where the project's state bucket and lock table are, as the tools reach them; named in their messages. */
export interface StateStoreLocation {
  readonly bucket: string;
  readonly table: string;
  readonly region: string;
  /** Set when talking to an emulator instead of AWS. */
  readonly endpoint?: string;
  /** Set when reached through a role (an environment in another account). */
  readonly roleArn?: string;
}

export function stateStoreLocation(
  { config, names }: ValidProject,
  clients: Pick<AwsClients, 'emulator'>,
): StateStoreLocation {
  return {
    bucket: names.stateBucket,
    table: names.lockTable,
    region: config.stateRegion,
    ...(clients.emulator && { endpoint: clients.emulator.endpoint }),
  };
}
