import { useState } from "react";
import { GLOBAL_STS_ENDPOINT } from "#shared/sts-endpoint.ts";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { isListedStsEndpoint, StsEndpointOptions } from "#web/components/ui/sts-endpoint-options.tsx";

const CUSTOM = "custom";

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
  const [custom, setCustom] = useState(() => !isListedStsEndpoint(value));
  return (
    <div className="grid gap-3">
      <Field invalid={!!error && !custom}>
        <FieldLabel>STS endpoint</FieldLabel>
        <Select
          value={custom ? CUSTOM : value}
          onChange={(event) => {
            const next = event.target.value;
            setCustom(next === CUSTOM);
            onChange(next === CUSTOM ? "" : next);
          }}
        >
          <option value={GLOBAL_STS_ENDPOINT}>Any region (global endpoint)</option>
          <StsEndpointOptions />
          <option value={CUSTOM}>Another endpoint (VPC, FIPS)…</option>
        </Select>
        <FieldDescription>
          {value === GLOBAL_STS_ENDPOINT && !custom
            ? "Each login is checked at the STS endpoint of the region it was signed for, so machines in any region can log in."
            : "Logins must be signed for this endpoint's region, and are checked there."}
        </FieldDescription>
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
          <FieldDescription>
            An https URL of AWS STS: sts[-fips].&lt;region&gt;.amazonaws.com[.cn], or an STS VPC endpoint.
          </FieldDescription>
          <FieldError>{error}</FieldError>
        </Field>
      ) : null}
    </div>
  );
}
