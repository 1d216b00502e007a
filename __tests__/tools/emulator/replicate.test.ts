import {
  GetBucketReplicationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { validateProject } from '../../../naming/project';
import { REPLICATED_FROM, replicateAsS3Would } from '../../../tools/emulator/replicate';
import { testConfig } from '../../support/test-config';

const project = validateProject(testConfig({ stateReplicaRegion: 'eu-central-1' }));
const SOURCE = project.names.stateBucket;
const REPLICA = project.names.replicaBucket!;
const KEY_ARN = 'arn:aws:kms:eu-central-1:111122223333:key/replica';

interface Stored {
  readonly key: string;
  readonly versionId: string;
  readonly body: string;
  readonly at: number;
  readonly metadata: Record<string, string>;
  readonly put?: Record<string, unknown>;
}

/** A bucket as far as this needs: versions listed newest first per key, reads by version, puts. */
function bucketClient(versions: Stored[], rule?: Record<string, unknown>) {
  const send = async (command: { input: Record<string, unknown> }): Promise<unknown> => {
    const input = command.input;
    if (command instanceof GetBucketReplicationCommand) return { ReplicationConfiguration: { Rules: [rule] } };
    if (command instanceof ListObjectVersionsCommand) {
      const listed = [...versions].sort((a, b) => a.key.localeCompare(b.key) || b.at - a.at);
      return {
        Versions: listed.map((v) => ({ Key: v.key, VersionId: v.versionId, LastModified: new Date(v.at) })),
      };
    }
    const found = versions.find((v) => v.key === input.Key && v.versionId === input.VersionId);
    if (command instanceof HeadObjectCommand) return { Metadata: found?.metadata };
    if (command instanceof GetObjectCommand) {
      return {
        Body: { transformToByteArray: async () => new TextEncoder().encode(found?.body) },
        ContentType: 'application/json',
        Metadata: {},
      };
    }
    if (command instanceof PutObjectCommand) {
      versions.push({
        key: input.Key as string,
        versionId: `r${versions.length + 1}`,
        body: new TextDecoder().decode(input.Body as Uint8Array),
        at: 1000 + versions.length,
        metadata: input.Metadata as Record<string, string>,
        put: input,
      });
      return { VersionId: `r${versions.length}` };
    }
    throw new Error(`unexpected ${command.constructor.name}`);
  };
  return { send } as never;
}

const RULE = {
  Status: 'Enabled',
  Destination: { Bucket: `arn:aws:s3:::${REPLICA}`, EncryptionConfiguration: { ReplicaKmsKeyID: KEY_ARN } },
};

test('copies every version oldest first into the destination of the rule, with its key; once', async () => {
  const source: Stored[] = [
    { key: 'dev/terraform.tfstate', versionId: 's1', body: '{"serial":1}', at: 1, metadata: {} },
    { key: 'dev/terraform.tfstate', versionId: 's2', body: '{"serial":2}', at: 3, metadata: {} },
    { key: 'prod/terraform.tfstate', versionId: 's3', body: '{"serial":1}', at: 2, metadata: {} },
  ];
  const replica: Stored[] = [];
  const clients = { source: bucketClient(source, RULE), replica: bucketClient(replica) };
  expect(await replicateAsS3Would(project, clients)).toBe(3);
  expect(replica.map((copy) => [copy.key, copy.body, copy.metadata[REPLICATED_FROM]])).toEqual([
    ['dev/terraform.tfstate', '{"serial":1}', 's1'],
    ['prod/terraform.tfstate', '{"serial":1}', 's3'],
    ['dev/terraform.tfstate', '{"serial":2}', 's2'],
  ]);
  expect(replica[0]?.put).toMatchObject({
    Bucket: REPLICA,
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: KEY_ARN,
    ContentType: 'application/json',
  });
  source.push({ key: 'dev/terraform.tfstate', versionId: 's4', body: '{"serial":3}', at: 4, metadata: {} });
  expect(await replicateAsS3Would(project, clients)).toBe(1);
  expect(replica.at(-1)?.metadata[REPLICATED_FROM]).toBe('s4');
});

test('without an enabled rule there is nothing to imitate', async () => {
  const clients = { source: bucketClient([], { Status: 'Disabled' }), replica: bucketClient([]) };
  await expect(replicateAsS3Would(project, clients)).rejects.toThrow(`no enabled replication rule on ${SOURCE}`);
});
