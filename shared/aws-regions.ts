/**
 * The AWS regions Leasehold accepts, by partition. Regions are never taken from free
 * text: an endpoint is only ever built from a member of this list.
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
export const AWS_REGIONS_BY_PARTITION = {
  aws: [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "mx-central-1",
    "me-south-1",
    "me-central-1",
    "sa-east-1",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
} as const;

export type AwsPartition = keyof typeof AWS_REGIONS_BY_PARTITION;
const AWS_PARTITIONS = Object.keys(AWS_REGIONS_BY_PARTITION) as AwsPartition[];
const AWS_REGIONS: readonly string[] = Object.values(AWS_REGIONS_BY_PARTITION).flat();

export function isKnownRegion(region: string): boolean {
  return AWS_REGIONS.includes(region);
}

export function partitionOfRegion(region: string): AwsPartition | null {
  for (const partition of AWS_PARTITIONS) {
    if ((AWS_REGIONS_BY_PARTITION[partition] as readonly string[]).includes(region)) return partition;
  }
  return null;
}

/** The DNS suffix of a partition's endpoints. */
function dnsSuffixOf(partition: AwsPartition): string {
  return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** The regional STS endpoint of a known region, e.g. https://sts.eu-west-1.amazonaws.com/. */
export function regionalStsEndpoint(region: string): string {
  const partition = partitionOfRegion(region);
  if (!partition) throw new Error(`Unknown AWS region: ${region}`);
  return `https://sts.${region}.${dnsSuffixOf(partition)}/`;
}
