import { zodResolver } from "@hookform/resolvers/zod";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useForm } from "react-hook-form";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LeaseholdError } from "#client/core/errors.ts";
import { createProjectInputSchema } from "#shared/schemas/projects.ts";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { toast } from "#web/components/ui/toast.ts";

afterEach(cleanup);

const schema = createProjectInputSchema.required();

/** A small form wired exactly like the real ones: Field + register + handleFormError. */
function ProjectForm({ submit, inline = false }: { submit: () => Promise<unknown>; inline?: boolean }) {
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { name: "", slug: "" } });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(() => submit().catch((error) => handleFormError(form, error, { inline })));
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field invalid={!!errors.name}>
        <FieldLabel>Name</FieldLabel>
        <Input {...form.register("name")} />
        <FieldError>{errors.name?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.slug}>
        <FieldLabel>Slug</FieldLabel>
        <Input {...form.register("slug")} />
        <FieldError>{errors.slug?.message}</FieldError>
      </Field>
      <FormAlert form={form} />
      <button type="submit">Save</button>
    </form>
  );
}

function leaseholdError(issues: { path: (string | number)[]; message: string }[], message = "Invalid request") {
  return new LeaseholdError({ statusCode: 400, error: "Bad Request", message, requestId: "req-42", issues });
}

async function fillAndSubmit() {
  fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Payments" } });
  fireEvent.change(screen.getByLabelText("Slug"), { target: { value: "payments" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
  });
}

describe("handleFormError", () => {
  it("puts server issues on the matching fields, tied to the input for screen readers", async () => {
    const toastError = vi.spyOn(toast, "error");
    render(
      <ProjectForm
        submit={() => Promise.reject(leaseholdError([{ path: ["slug"], message: "That slug is taken" }]))}
      />,
    );
    await fillAndSubmit();

    const slug = screen.getByLabelText("Slug");
    await waitFor(() => expect(slug.getAttribute("aria-invalid")).toBe("true"));
    const message = screen.getByText("That slug is taken");
    expect(slug.getAttribute("aria-describedby")).toContain(message.id);
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
    // Everything landed on a field, so no toast repeats it.
    expect(toastError).not.toHaveBeenCalled();
    toastError.mockRestore();
  });

  it("shows an error without field issues as a toast with the API's message", async () => {
    const toastError = vi.spyOn(toast, "error");
    const error = new LeaseholdError({
      statusCode: 403,
      error: "Forbidden",
      message: "Only admins can do that",
      requestId: "r",
    });
    render(<ProjectForm submit={() => Promise.reject(error)} />);
    await fillAndSubmit();
    await waitFor(() => expect(toastError).toHaveBeenCalledWith(error));
    toastError.mockRestore();
  });

  it("toasts when some issues name no field of the form", async () => {
    const toastError = vi.spyOn(toast, "error");
    const error = leaseholdError([
      { path: ["name"], message: "Too similar to another project" },
      { path: ["orgId"], message: "Unknown organization" },
    ]);
    render(<ProjectForm submit={() => Promise.reject(error)} />);
    await fillAndSubmit();
    await screen.findByText("Too similar to another project");
    expect(toastError).toHaveBeenCalledWith(error);
    toastError.mockRestore();
  });

  it("shows the message inline (role=alert) for sign-in style forms", async () => {
    const error = new LeaseholdError({
      statusCode: 401,
      error: "Unauthorized",
      message: "The email or password is not correct",
      requestId: "r",
    });
    render(<ProjectForm inline submit={() => Promise.reject(error)} />);
    await fillAndSubmit();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The email or password is not correct");
  });
});
