import * as fs from 'node:fs';
import * as path from 'node:path';
import { awsProviderVersion } from './provider-mirror';
import { terraform } from './run';

/**
 * Installs the aws provider into the plugin cache once, so that stacks initialized in parallel
 * afterwards only link it (parallel first installs race on the cache).
 */
export async function warmPluginCache(directory: string, env: NodeJS.ProcessEnv): Promise<void> {
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(
    path.join(directory, 'main.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: awsProviderVersion() } } },
    }),
  );
  const result = await terraform(['init', '-backend=false', '-input=false'], { cwd: directory, env });
  if (result.exitCode !== 0) throw new Error(`terraform init failed while filling the plugin cache:\n${result.stderr}`);
}
