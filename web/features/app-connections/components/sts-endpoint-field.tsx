import { useState } from "react";
import { AWS_REGIONS_BY_PARTITION, regionalStsEndpoint } from "#shared/aws-regions.ts";
import { GLOBAL_STS_ENDPOINT } from "#shared/sts-endpoint.ts";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Select } from "#web/components/ui/select.tsx";

const CUSTOM = "custom";
const PARTITION_NAMES = { aws: "AWS", "aws-cn": "AWS China", "aws-us-gov": "AWS GovCloud (US)" } as const;
const LISTED = new Set<string>([GLOBAL_STS_ENDPOINT, ...Object.values(AWS_REGIONS_BY_PARTITION).flat().map(regionalStsEndpoint)]);

/**
 * The optional STS endpoint: the server's default, one of the regional endpoints, or a typed
 * one (a VPC or FIPS endpoint). Whatever is typed is checked by the shared rule on submit.
 */
export function StsEndpointField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const [custom, setCustom] = useState(() => value !== "" && !LISTED.has(value));
  const selected = custom ? CUSTOM : value;

  return (
    <div className="grid gap-3">
      <Field invalid={!!error && !custom}>
        <FieldLabel>STS endpoint (optional)</FieldLabel>
        <Select
          value={selected}
          onChange={(event) => {
            const next = event.target.value;
            setCustom(next === CUSTOM);
            onChange(next === CUSTOM ? "" : next);
          }}
        >
          <option value="">Default: the server&apos;s own region</option>
          <option value={GLOBAL_STS_ENDPOINT}>Global: {GLOBAL_STS_ENDPOINT}</option>
          {(Object.keys(AWS_REGIONS_BY_PARTITION) as (keyof typeof AWS_REGIONS_BY_PARTITION)[]).map((partition) => (
            <optgroup key={partition} label={PARTITION_NAMES[partition]}>
              {AWS_REGIONS_BY_PARTITION[partition].map((region) => (
                <option key={region} value={regionalStsEndpoint(region)}>
                  {region}: {regionalStsEndpoint(region)}
                </option>
              ))}
            </optgroup>
          ))}
          <option value={CUSTOM}>Another endpoint (VPC, FIPS)…</option>
        </Select>
        <FieldDescription>Where Leasehold calls sts:AssumeRole. Pick a region close to this server, or one your network allows.</FieldDescription>
        {!custom ? <FieldError>{error}</FieldError> : null}
      </Field>
      {custom ? (
        <Field invalid={!!error}>
          <FieldLabel>Endpoint URL</FieldLabel>
          <Input
            value={value}
            onChange={(event) => onChange(event.target.value)}
            placeholder="https://vpce-0123abcd-xyz.sts.eu-west-1.vpce.amazonaws.com"
            spellCheck={false}
            autoComplete="off"
            inputMode="url"
          />
          <FieldDescription>An https URL of AWS STS: sts[-fips].&lt;region&gt;.amazonaws.com[.cn], or an STS VPC endpoint.</FieldDescription>
          <FieldError>{error}</FieldError>
        </Field>
      ) : null}
    </div>
  );
}
