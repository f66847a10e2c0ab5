import { GLOBAL_STS_ENDPOINT } from "#shared/sts-endpoint.ts";
import { StsEndpointPicker } from "#web/components/ui/sts-endpoint-picker.tsx";

const LEADING = [
  // No endpoint: the server calls the regional STS endpoint of its own AWS_REGION.
  { value: "", label: "Default: the server's own region" },
  { value: GLOBAL_STS_ENDPOINT, label: `Global: ${GLOBAL_STS_ENDPOINT}` },
];

/** The connection's optional STS endpoint, where Leasehold calls sts:AssumeRole. */
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
      label="STS endpoint (optional)"
      leadingOptions={LEADING}
      description={
        "Where Leasehold calls sts:AssumeRole. Pick a region close to this server, or one " + "your network allows."
      }
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
