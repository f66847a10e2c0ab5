import type { QueryClient } from "@tanstack/react-query";

// The dashboard's data layer (TanStack Query) comes with the first page that needs it: the
// signed-in area and the setup and invite forms load it in their beforeLoad; /login never does.
// One QueryClient for the whole visit, made by #web/query-client.ts when it is first imported.

let loaded: QueryClient | undefined;

export async function loadQueryClient(): Promise<QueryClient> {
  const { queryClient } = await import("#web/query-client.ts");
  loaded = queryClient;
  return queryClient;
}

/** Drops every cached answer (a new person signed in), if the data layer is loaded at all. */
export function clearQueryData(): void {
  loaded?.clear();
}
