import { clsx } from "clsx";
import { CircleAlert, CircleCheck, X } from "lucide-react";
import { Toast as ToastPrimitive } from "radix-ui";
import { toast, useToasts } from "#web/components/ui/toast.ts";

/** Mount once near the root. Radix announces each toast to screen readers; F8 focuses the stack. */
export function Toaster() {
  const items = useToasts();
  return (
    <ToastPrimitive.Provider swipeDirection="right">
      {items.map((item) => (
        <ToastPrimitive.Root
          key={item.id}
          // Errors interrupt (assertive) and stay longer, since they often need reading twice.
          type={item.kind === "error" ? "foreground" : "background"}
          duration={item.kind === "error" ? 10_000 : 4_000}
          onOpenChange={(open) => {
            if (!open) toast.dismiss(item.id);
          }}
          className={clsx(
            "relative flex w-full items-start gap-3 rounded-lg border bg-popover p-4 pr-10 " +
              "text-popover-foreground shadow-lg",
            "data-[state=open]:animate-slide-in data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x)",
            item.kind === "error" && "border-destructive/40",
          )}
        >
          {item.kind === "error" ? (
            <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
          ) : (
            <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
          )}
          <div className="grid min-w-0 gap-1">
            <ToastPrimitive.Title className="text-sm font-medium break-words">{item.title}</ToastPrimitive.Title>
            {item.description ? (
              <ToastPrimitive.Description className="text-sm text-muted-foreground">
                {item.description}
              </ToastPrimitive.Description>
            ) : null}
            {item.requestId ? (
              <ToastPrimitive.Description className="font-mono text-xs break-all text-muted-foreground select-all">
                Request ID: {item.requestId}
              </ToastPrimitive.Description>
            ) : null}
          </div>
          <ToastPrimitive.Close
            aria-label="Dismiss notification"
            className="absolute top-3 right-3 rounded-sm p-1 text-muted-foreground hover:text-foreground"
          >
            <X aria-hidden="true" className="size-4" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport
        className={"fixed right-0 bottom-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 " + "outline-none"}
      />
    </ToastPrimitive.Provider>
  );
}
