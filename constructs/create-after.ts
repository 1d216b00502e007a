import type { TerraformResource } from 'cdktf';

/** Adds `dependency` to `resource`'s depends_on, for an order no reference implies. */
export function createAfter(resource: TerraformResource, dependency: TerraformResource): void {
  resource.dependsOn = [
    ...(resource.dependsOn ?? []),
    `${dependency.terraformResourceType}.${dependency.friendlyUniqueId}`,
  ];
}
