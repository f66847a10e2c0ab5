import { type ErrorComponentProps, Link, useRouter } from "@tanstack/react-router";
import { isLeaseholdError } from "#client/core/errors.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { RotateCwIcon } from "#web/components/ui/first-load-icons.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import type { NotFoundData } from "#web/lib/not-found.ts";

/** Shown when a route's loader or component throws: the API message, its request id, and a retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  // A 401 is already being handled by sending the person to /login; do not flash an error meanwhile.
  if (isLeaseholdError(error) && error.statusCode === 401) return <RoutePending />;
  const notFound = isLeaseholdError(error) && error.statusCode === 404;
  const forbidden = isLeaseholdError(error) && error.statusCode === 403;
  const title = notFound ? "Not found" : forbidden ? "No access" : "This page could not be loaded";
  return (
    <div className="mx-auto grid max-w-xl gap-4 py-10">
      <h1 className="text-xl font-semibold">{title}</h1>
      <Alert>
        <p>{(error instanceof Error && error.message) || "Something went wrong."}</p>
        {isLeaseholdError(error) && error.requestId ? (
          <p className="font-mono text-xs select-all">Request ID: {error.requestId}</p>
        ) : null}
      </Alert>
      <div className="flex gap-2">
        {notFound || forbidden ? null : (
          <Button
            variant="outline"
            onClick={() => {
              reset();
              void router.invalidate();
            }}
          >
            <RotateCwIcon aria-hidden="true" />
            Try again
          </Button>
        )}
        <Button variant="ghost" asChild>
          <Link to="/projects">Go to projects</Link>
        </Button>
      </div>
    </div>
  );
}

/** A neutral page-shaped placeholder while a route loads. */
export function RoutePending() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <span role="status" className="sr-only">
        Loading
      </span>
      <div className="grid gap-2">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-8 w-64" />
      </div>
      <Skeleton className="h-10 w-full max-w-md" />
      <div className="grid gap-2">
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
      </div>
    </div>
  );
}

/** An unknown address, or (with `data.message`, from rethrowNotFound) something the API does not know. */
// Not NotFoundRouteProps: its routeId type reads the registered router, which imports this file (a type cycle).
export function RouteNotFound({ data }: { data?: unknown }) {
  const message = (data as NotFoundData | undefined)?.message;
  return (
    <div className="mx-auto grid max-w-xl gap-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{message ? "Not found" : "Page not found"}</h1>
      <p className="text-sm text-muted-foreground">
        {message ? `${message}. It may have been deleted, or you may not have access to it.` : null}
        {message ? null : "The address may be mistyped, or the page has moved."}
      </p>
      <div>
        <Button variant="outline" asChild>
          <Link to={message ? "/projects" : "/"}>{message ? "Go to projects" : "Go home"}</Link>
        </Button>
      </div>
    </div>
  );
}
