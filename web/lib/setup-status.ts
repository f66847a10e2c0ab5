import { apiRequest, type ResponseSchema } from "#web/lib/api-client.ts";

// Whether the server still waits for first-run setup. /login asks it on every signed-out
// visit, so it is checked by hand rather than with the shared zod schema (setupStatusSchema:
// `{ needsSetup: boolean }`), which would bring zod into the sign-in page's download.

export interface SetupStatus {
  needsSetup: boolean;
}

export const setupStatusParser: ResponseSchema<SetupStatus> = {
  safeParse: (value) =>
    typeof value === "object" && value !== null && typeof (value as SetupStatus).needsSetup === "boolean"
      ? { success: true, data: { needsSetup: (value as SetupStatus).needsSetup } }
      : { success: false, error: { issues: [{ path: ["needsSetup"], message: "Expected a boolean" }] } },
};

// Setup happens once; after that the answer never changes back. A minute of memory spares the
// second request when "/" sends a signed-out visitor on to /login.
const FRESH_MS = 60_000;
let remembered: { at: number; status: Promise<SetupStatus> } | undefined;

export function getSetupStatus(): Promise<SetupStatus> {
  if (!remembered || Date.now() - remembered.at > FRESH_MS) {
    const status = apiRequest("/api/v1/setup/status", setupStatusParser, { skipUnauthorizedRedirect: true });
    remembered = { at: Date.now(), status };
    status.catch(() => {
      remembered = undefined;
    });
  }
  return remembered.status;
}

/** Setup just finished: nobody needs to ask again. */
export function markSetupDone(): void {
  remembered = { at: Date.now(), status: Promise.resolve({ needsSetup: false }) };
}
