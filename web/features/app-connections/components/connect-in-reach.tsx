import { PlugZap } from "lucide-react";
import { type ReactNode, type RefObject, useEffect, useState } from "react";
import { Button } from "#web/components/ui/button.tsx";

/**
 * The setup guide with its Connect step in reach (issue 12, item 9e). On a wide screen the Connect form sits in a
 * column of its own that stays on screen while the guide scrolls; on a narrow one it is the last step. At any
 * width, while the form's own Connect button is not fully on screen, a bar at the bottom of the screen carries it.
 */
export function GuideWithConnect({
  guide,
  connect,
  connectRef,
  formId,
  submitting,
}: {
  /** The steps done in AWS: read in order, long. */
  guide: ReactNode;
  /** The Connect step, holding the form whose id is `formId`. */
  connect: ReactNode;
  connectRef: RefObject<HTMLDivElement | null>;
  formId: string;
  submitting: boolean;
}) {
  const buttonInView = useSubmitButtonInView(connectRef);
  // The bar is outside the grid: a sticky grid item could only move within its own row.
  return (
    <div>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start">
        <div className="grid min-w-0 gap-8">{guide}</div>
        <div
          ref={connectRef}
          className={
            "min-w-0 lg:sticky lg:top-6 lg:max-h-[calc(100dvh-3rem)] lg:overflow-y-auto " +
            "lg:rounded-xl lg:border lg:bg-card lg:p-5"
          }
        >
          {connect}
        </div>
      </div>
      {buttonInView ? null : <StickyConnectBar formId={formId} submitting={submitting} />}
    </div>
  );
}

/**
 * Its button submits the form by id, so the form's own rules run: with a field missing, focus moves to that
 * field (which scrolls it into view) and its message shows beside it.
 */
function StickyConnectBar({ formId, submitting }: { formId: string; submitting: boolean }) {
  return (
    <section
      aria-label="Connect"
      className={
        "sticky bottom-0 z-10 -mx-4 mt-6 flex items-center justify-between gap-3 border-t bg-background/95 " +
        "px-4 py-3 backdrop-blur md:-mx-8 md:px-8"
      }
    >
      <p className="min-w-0 text-sm text-muted-foreground">Done in AWS? Fill in the last step and connect.</p>
      <Button type="submit" form={formId} pending={submitting}>
        <PlugZap aria-hidden="true" />
        Connect to AWS
      </Button>
    </section>
  );
}

/**
 * Whether the Connect step's submit button shows whole on screen (also when the step's column scrolls on its
 * own). Without IntersectionObserver (old browsers, tests), never: the bar stays.
 */
function useSubmitButtonInView(ref: RefObject<HTMLElement | null>) {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const button = ref.current?.querySelector('button[type="submit"]');
    if (!button || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((entry) => entry.isIntersecting)), {
      threshold: 1,
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}
