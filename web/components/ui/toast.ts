import { useSyncExternalStore } from "react";
import { isLeaseholdError } from "#client/core/errors.ts";

export interface ToastItem {
  id: number;
  kind: "success" | "error";
  title: string;
  description?: string;
  requestId?: string;
}

/*
 * A tiny module-level store, so any code (mutations, helpers) can raise a toast without a hook.
 * The Radix rendering lives in toaster.tsx and is loaded lazily; toasts raised before it arrives wait here.
 */
let toasts: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(next: ToastItem[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

function push(item: Omit<ToastItem, "id">) {
  // Keep the stack short; a burst of failures should not bury the page.
  emit([...toasts.slice(-3), { ...item, id: nextId++ }]);
}

function describeError(error: unknown): Omit<ToastItem, "id" | "kind"> {
  if (isLeaseholdError(error)) return { title: error.message, requestId: error.requestId || undefined };
  if (error instanceof Error) return { title: error.message };
  if (typeof error === "string") return { title: error };
  return { title: "Something went wrong. Try again." };
}

export const toast = {
  success(title: string, description?: string) {
    push({ kind: "success", title, description });
  },
  /** Shows the API's own message and, when present, the request id to quote when reporting a problem. */
  error(error: unknown) {
    push({ kind: "error", ...describeError(error) });
  },
  dismiss(id: number) {
    emit(toasts.filter((item) => item.id !== id));
  },
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): ToastItem[] {
  return useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  );
}
