import { GLOBAL_STS_ENDPOINT } from "#shared/sts-endpoint.ts";
import { StsEndpointPicker } from "#web/components/ui/sts-endpoint-picker.tsx";

const LEADING = [{ value: GLOBAL_STS_ENDPOINT, label: "Any region (global endpoint)" }];

/**
 * Where logins are verified: the global default (each login goes to the regional endpoint
 * of the region it was signed for), a regional endpoint, or a typed VPC or FIPS endpoint.
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
  return (
    <StsEndpointPicker
      label="STS endpoint"
      leadingOptions={LEADING}
      description={
        value === GLOBAL_STS_ENDPOINT
          ? "Each login is checked at the STS endpoint of the region it was signed for, so " +
            "machines in any region can log in."
          : "Logins must be signed for this endpoint's region, and are checked there."
      }
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
