import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader } from "#web/components/ui/card.tsx";
import { KeyRoundIcon } from "#web/components/ui/first-load-icons.tsx";

/** The centred card every signed-out page (setup, login, accept invite) sits in. */
export function AuthCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 px-4 py-10">
      <div className="grid w-full max-w-md gap-6">
        <div className="flex items-center justify-center gap-2 text-lg font-semibold">
          <span className="flex size-8 items-center justify-center rounded-md bg-primary text-primary-foreground">
            <KeyRoundIcon aria-hidden="true" className="size-4" />
          </span>
          Leasehold
        </div>
        <Card>
          <CardHeader className="text-center">
            <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
            {description ? <CardDescription>{description}</CardDescription> : null}
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
      </div>
    </main>
  );
}
