import { type ReactNode, useState } from "react";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { isListedStsEndpoint, StsEndpointOptions } from "#web/components/ui/sts-endpoint-options.tsx";

const CUSTOM = "custom";

/**
 * An STS endpoint: the caller's leading options (a default, the global endpoint), every known
 * regional endpoint, or a typed one (a VPC or FIPS endpoint) in a second field. The value is
 * checked by the shared STS rule in the form's schema, so the error lands on whichever field shows.
 */
export function StsEndpointPicker({
  label,
  leadingOptions,
  description,
  value,
  onChange,
  error,
}: {
  label: string;
  /** <option>s before the regional ones; their values count as listed. */
  leadingOptions: { value: string; label: string }[];
  description: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const isListed = (url: string) => leadingOptions.some((o) => o.value === url) || isListedStsEndpoint(url);
  const [custom, setCustom] = useState(() => !isListed(value));
  return (
    <div className="grid gap-3">
      <Field invalid={!!error && !custom}>
        <FieldLabel>{label}</FieldLabel>
        <Select
          value={custom ? CUSTOM : value}
          onChange={(event) => {
            const next = event.target.value;
            setCustom(next === CUSTOM);
            onChange(next === CUSTOM ? "" : next);
          }}
        >
          {leadingOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          <StsEndpointOptions />
          <option value={CUSTOM}>Another endpoint (VPC, FIPS)…</option>
        </Select>
        <FieldDescription>{description}</FieldDescription>
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
