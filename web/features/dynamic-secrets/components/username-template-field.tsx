import { useQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { usernamePreviewQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import type { DynamicSecretFormValues } from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";

/** The value after the person stopped typing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The username template with a live preview rendered by the server, for the person typing, as a lease would. */
const VARIABLES = [
  "{{randomUsername}}",
  "{{unixTimestamp}}",
  "{{identity.name}}",
  "{{dynamicSecret.name}}",
  "{{random N}}",
];
const HELPERS = ["truncate", "replace", "uppercase", "lowercase"];

/** `<code>a</code>, <code>b</code>, …` */
function codeList(items: string[]) {
  return items.map((item, index) => (
    <Fragment key={item}>
      {index > 0 && ", "}
      <code>{item}</code>
    </Fragment>
  ));
}

export function UsernameTemplateField({ form }: { form: UseFormReturn<DynamicSecretFormValues> }) {
  const template = useSettled(form.watch("usernameTemplate"), 300);
  const name = useSettled(form.watch("name"), 300);
  const preview = useQuery(usernamePreviewQueryOptions(template, name || "my-dynamic-secret"));
  const error = form.formState.errors.usernameTemplate;

  return (
    <Field invalid={!!error}>
      <FieldLabel>Username template</FieldLabel>
      <Input
        {...form.register("usernameTemplate")}
        spellCheck={false}
        className="font-mono"
        placeholder="{{randomUsername}}"
      />
      <FieldDescription>
        Specifies a template for generating usernames. Variables: {codeList(VARIABLES)}. Helpers: {codeList(HELPERS)},
        e.g. <code>{"{{truncate identity.name 20}}-{{random 6}}"}</code>.
      </FieldDescription>
      <p className="text-sm" aria-live="polite">
        {preview.isError ? (
          <span className="text-destructive">{preview.error.message}</span>
        ) : preview.data ? (
          <>
            <span className="text-muted-foreground">Preview for you: </span>
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{preview.data.username}</code>
          </>
        ) : (
          <span className="text-muted-foreground">Rendering a preview…</span>
        )}
      </p>
      <FieldError>{error?.message}</FieldError>
    </Field>
  );
}
