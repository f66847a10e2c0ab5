import { AWS_REGIONS_BY_PARTITION, type AwsPartition, regionalStsEndpoint } from "#shared/aws-regions.ts";
import { GLOBAL_STS_ENDPOINT } from "#shared/sts-endpoint.ts";

const PARTITION_NAMES: Record<AwsPartition, string> = {
  aws: "AWS",
  "aws-cn": "AWS China",
  "aws-us-gov": "AWS GovCloud (US)",
};
const LISTED = new Set<string>([
  GLOBAL_STS_ENDPOINT,
  ...Object.values(AWS_REGIONS_BY_PARTITION).flat().map(regionalStsEndpoint),
]);

/** Whether an STS endpoint is one of the <option>s below (otherwise it was typed: VPC, FIPS). */
export function isListedStsEndpoint(url: string): boolean {
  return LISTED.has(url);
}

/** The regional STS endpoints of every known region, grouped by partition, as <optgroup>s for a native Select. */
export function StsEndpointOptions() {
  return (
    <>
      {(Object.keys(AWS_REGIONS_BY_PARTITION) as AwsPartition[]).map((partition) => (
        <optgroup key={partition} label={PARTITION_NAMES[partition]}>
          {AWS_REGIONS_BY_PARTITION[partition].map((region) => (
            <option key={region} value={regionalStsEndpoint(region)}>
              {region}: {regionalStsEndpoint(region)}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
