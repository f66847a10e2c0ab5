import { zodResolver } from "@hookform/resolvers/zod";
import type { ReactNode } from "react";
import { Controller, type UseFormReturn, useForm } from "react-hook-form";
import { formatDurationForDisplay, parseDuration } from "#shared/durations.ts";
import { type IdentityAwsAuth, SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Textarea } from "#web/components/ui/textarea.tsx";
import { useSaveAwsAuth } from "#web/features/identities/api.ts";
import {
  type AwsAuthFormValues,
  awsAuthFormSchema,
  awsAuthFormValuesOf,
  newAwsAuthFormValues,
} from "#web/features/identities/components/aws-auth-form-schema.ts";
import { StsEndpointField } from "#web/features/identities/components/sts-endpoint-field.tsx";
import { TrustedIpsEditor } from "#web/features/identities/components/trusted-ips-editor.tsx";

const ARN_EXAMPLES = [
  ["An IAM user (with its path)", "arn:aws:iam::123456789012:user/build/ci-runner"],
  [
    "A role: EC2 instance profiles, Lambda and ECS task roles log in as its sessions",
    "arn:aws:iam::123456789012:role/payments-lambda",
  ],
  ["One assumed-role session", "arn:aws:sts::123456789012:assumed-role/payments-lambda/i-0abc123"],
  ["Every role whose name starts with ci-", "arn:aws:iam::123456789012:role/ci-*"],
] as const;

const LOGIN_CLIENTS = [
  {
    serverIdHeader: false,
    label: "Infisical's SDK, CLI or Kubernetes operator",
    description: `They cannot send the ${SERVER_ID_HEADER} header, so logins are not bound to this server.`,
  },
  {
    serverIdHeader: true,
    label: "Leasehold's CLI or client, or the snippets on the identity's page",
    description: `Every login must carry the signed ${SERVER_ID_HEADER} header naming this server.`,
  },
] as const;

function durationHint(text: string, zeroMeaning: string) {
  const seconds = parseDuration(text);
  if (seconds === null) return "A number with s, m, h or d: 15m, 12h, 30d.";
  return seconds === 0 ? zeroMeaning : `${formatDurationForDisplay(seconds)} (${seconds.toLocaleString()} seconds).`;
}

/**
 * Every AWS Auth setting, validated by the API's own schema and rules. Used by the
 * wizard's second step and by the detail page's edit dialog; `actions` holds the buttons.
 */
export function AwsAuthForm({
  identityId,
  existing,
  onSaved,
  actions,
}: {
  identityId: string;
  existing: IdentityAwsAuth | null;
  onSaved: (config: IdentityAwsAuth) => void;
  actions: (state: { pending: boolean }) => ReactNode;
}) {
  const save = useSaveAwsAuth(identityId);
  const form = useForm({
    resolver: zodResolver(awsAuthFormSchema),
    mode: "onTouched",
    defaultValues: existing ? awsAuthFormValuesOf(existing) : newAwsAuthFormValues,
  });
  const { errors } = form.formState;
  // The form's output (seconds, comma lists) differs from its inputs (text); the shared form
  // helpers only read and mark inputs, so they get the input-typed view of the same form.
  const inputForm = form as unknown as UseFormReturn<AwsAuthFormValues>;

  const onSubmit = form.handleSubmit((config) =>
    save.mutateAsync({ config, existing: existing !== null }).then(
      (data) => onSaved(data.identityAwsAuth),
      (error) => handleFormError(inputForm, error, { inline: true }),
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6" aria-label="AWS Auth settings">
      <section className="grid gap-4" aria-labelledby="who-heading">
        <h3 id="who-heading" className="text-sm font-semibold">
          Who may log in
        </h3>
        <Field invalid={!!errors.allowedPrincipalArns}>
          <FieldLabel>Allowed principal ARNs</FieldLabel>
          <Textarea
            {...form.register("allowedPrincipalArns", { deps: ["allowedAccountIds"] })}
            rows={3}
            className="font-mono text-xs"
            spellCheck={false}
            placeholder="arn:aws:iam::123456789012:role/payments-lambda"
          />
          <FieldDescription>
            One per line. A role ARN also admits every session of that role. An exact role or user ARN is bound to that
            principal's unique ID, so one deleted and re-created under the same name cannot log in; a wildcard (such as
            role/ci-*) cannot be bound.
          </FieldDescription>
          <FieldError>{errors.allowedPrincipalArns?.message}</FieldError>
        </Field>
        <details className="rounded-lg border bg-muted/40 px-3 py-2 text-sm">
          <summary className="cursor-pointer font-medium">Examples, and how wildcards match</summary>
          <dl className="mt-2 grid gap-2">
            {ARN_EXAMPLES.map(([what, arn]) => (
              <div key={arn}>
                <dt className="text-muted-foreground">{what}</dt>
                <dd className="font-mono text-xs break-all">{arn}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-muted-foreground">
            <code>*</code> matches any run of characters, and nothing else is special. It may only follow{" "}
            <code>arn:&lt;partition&gt;:iam::&lt;account&gt;:</code>, so a wildcard never spans accounts. Root users can
            never log in.
          </p>
        </details>
        <Field invalid={!!errors.allowedAccountIds}>
          <FieldLabel>Allowed AWS account IDs</FieldLabel>
          <Textarea
            {...form.register("allowedAccountIds", { deps: ["allowedPrincipalArns"] })}
            rows={2}
            className="font-mono text-xs"
            spellCheck={false}
            placeholder="123456789012"
          />
          <FieldDescription>One per line, 12 digits. With both lists set, a login must pass both.</FieldDescription>
          <FieldError>{errors.allowedAccountIds?.message}</FieldError>
        </Field>
        <Controller
          control={form.control}
          name="stsEndpoint"
          render={({ field }) => (
            <StsEndpointField value={field.value} onChange={field.onChange} error={errors.stsEndpoint?.message} />
          )}
        />
      </section>

      <section className="grid gap-4" aria-labelledby="tokens-heading">
        <h3 id="tokens-heading" className="text-sm font-semibold">
          The tokens it gets
        </h3>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <Field invalid={!!errors.accessTokenTTL}>
            <FieldLabel>Token TTL</FieldLabel>
            <Input
              {...form.register("accessTokenTTL", { deps: ["accessTokenMaxTTL"] })}
              autoComplete="off"
              spellCheck={false}
            />
            <FieldDescription>
              {durationHint(form.watch("accessTokenTTL"), "0: tokens live until their max TTL.")} Renewal extends by
              this much.
            </FieldDescription>
            <FieldError>{errors.accessTokenTTL?.message}</FieldError>
          </Field>
          <Field invalid={!!errors.accessTokenMaxTTL}>
            <FieldLabel>Token max TTL</FieldLabel>
            <Input
              {...form.register("accessTokenMaxTTL", { deps: ["accessTokenTTL"] })}
              autoComplete="off"
              spellCheck={false}
            />
            <FieldDescription>
              {durationHint(form.watch("accessTokenMaxTTL"), "")} No renewal goes past it.
            </FieldDescription>
            <FieldError>{errors.accessTokenMaxTTL?.message}</FieldError>
          </Field>
        </div>
        <Field invalid={!!errors.accessTokenNumUsesLimit} className="sm:max-w-xs">
          <FieldLabel>Uses per token</FieldLabel>
          <Input
            type="number"
            min={0}
            step={1}
            {...form.register("accessTokenNumUsesLimit", { valueAsNumber: true })}
          />
          <FieldDescription>0 means unlimited.</FieldDescription>
          <FieldError>{errors.accessTokenNumUsesLimit?.message}</FieldError>
        </Field>
        <TrustedIpsEditor form={inputForm} />
      </section>

      <fieldset className="grid gap-2" aria-describedby="login-client-hint">
        <legend className="mb-1 text-sm font-semibold">Which client will log in?</legend>
        <p id="login-client-hint" className="text-sm text-muted-foreground">
          Binding logins to this server stops a signed request captured elsewhere from being replayed here, but only
          clients that sign the {SERVER_ID_HEADER} header can log in then.
        </p>
        <Controller
          control={form.control}
          name="serverIdHeader"
          render={({ field }) => (
            <>
              {LOGIN_CLIENTS.map((option) => (
                <label
                  key={String(option.serverIdHeader)}
                  className={
                    "flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm " +
                    "has-[:checked]:border-primary has-[:checked]:bg-primary/5"
                  }
                >
                  <input
                    type="radio"
                    name={field.name}
                    checked={field.value === option.serverIdHeader}
                    onChange={() => field.onChange(option.serverIdHeader)}
                    onBlur={field.onBlur}
                    className="mt-0.5 size-4 accent-primary"
                  />
                  <span className="grid gap-0.5">
                    <span className="font-medium">{option.label}</span>
                    <span className="text-muted-foreground">{option.description}</span>
                  </span>
                </label>
              ))}
            </>
          )}
        />
        <FieldError>{errors.serverIdHeader?.message}</FieldError>
      </fieldset>

      <FormAlert form={inputForm} />
      <div className="flex flex-wrap gap-2">{actions({ pending: form.formState.isSubmitting })}</div>
    </form>
  );
}
