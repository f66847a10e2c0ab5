import { PlugZap } from "lucide-react";
import { useEffect } from "react";
import { type DefaultValues, type FieldValues, type Resolver, type UseFormReturn, useForm } from "react-hook-form";
import type { z } from "zod";
import type { AppConnection, createAppConnectionInputSchema } from "#shared/schemas/app-connections.ts";
import { Button } from "#web/components/ui/button.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { type ConnectionScope, useCreateConnection } from "#web/features/app-connections/api.ts";

/**
 * The form behind "Connect to AWS", for either method: the shared schema checks the fields,
 * the server checks with AWS, and AWS's refusal lands on the field it is about (or above the button).
 */
export function useConnectForm<
  Values extends FieldValues,
  Input extends z.input<typeof createAppConnectionInputSchema>,
>(
  /** zodResolver(the method's shared create schema) */
  resolver: Resolver<Values, unknown, Input>,
  options: {
    defaultValues: DefaultValues<Values>;
    mode: "onChange" | "onTouched";
    onConnected: (connection: AppConnection) => void;
    /** Told when a submit starts and ends, for a second Connect button outside the form (the guide's sticky bar). */
    onSubmittingChange?: ((submitting: boolean) => void) | undefined;
  },
) {
  const create = useCreateConnection();
  const form = useForm<Values, unknown, Input>({ resolver, mode: options.mode, defaultValues: options.defaultValues });
  const { isSubmitting } = form.formState;
  const { onSubmittingChange } = options;
  useEffect(() => onSubmittingChange?.(isSubmitting), [isSubmitting, onSubmittingChange]);
  const onSubmit = form.handleSubmit((input) =>
    create.mutateAsync(input).then(
      (data) => {
        // Whatever was typed (a secret key, for one) leaves the page's memory with the form.
        form.reset();
        options.onConnected(data.appConnection);
      },
      // handleFormError reads only field names and setError, which do not depend on the parsed output type.
      (error) => handleFormError(form as unknown as UseFormReturn<Values>, error, { inline: true }),
    ),
  );
  return { form, onSubmit };
}

/** What the guide gives either method's form. */
export interface ConnectFormProps {
  scope: ConnectionScope;
  onConnected: (connection: AppConnection) => void;
  /** The form's id: a submit button elsewhere on the page names it in its `form` attribute. */
  id?: string | undefined;
  onSubmittingChange?: ((submitting: boolean) => void) | undefined;
}

/** The server's message when it is about no single field, then the button. */
export function ConnectFooter<Values extends FieldValues>({ form }: { form: UseFormReturn<Values> }) {
  return (
    <>
      <FormAlert form={form} />
      <div>
        <Button type="submit" pending={form.formState.isSubmitting}>
          <PlugZap aria-hidden="true" />
          Connect to AWS
        </Button>
      </div>
    </>
  );
}
