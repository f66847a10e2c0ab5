import { clsx } from "clsx";
import { type ComponentProps, type RefObject, useLayoutEffect, useRef } from "react";

/** A header cell's visible words: its screen-reader-only text ("Actions") is not shown as a label. */
function visibleText(cell: HTMLTableCellElement): string {
  const copy = cell.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll(".sr-only")) hidden.remove();
  return copy.textContent?.trim() ?? "";
}

/** Gives every body cell a data-label with its column's header, which the stacked layout shows beside it. */
function labelCells(table: HTMLTableElement): void {
  const headers = [...(table.tHead?.rows[0]?.cells ?? [])].flatMap((cell) =>
    Array.from({ length: cell.colSpan }, (_, index) => (index === 0 ? visibleText(cell) : "")),
  );
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        // A cell across several columns (a row explaining a failure) has no single column to name.
        const label = cell.colSpan === 1 ? (headers[column] ?? "") : "";
        if (label) cell.setAttribute("data-label", label);
        else cell.removeAttribute("data-label");
        column += cell.colSpan;
      }
    }
  }
}

function useColumnLabels(ref: RefObject<HTMLTableElement | null>) {
  // Before the first paint, as the stacking decision is: a stacked cell shows its label.
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table) return;
    labelCells(table);
    // Rows come and go without this component rendering again (a row's own state, a list that refetches).
    const structural = new Set(["TABLE", "THEAD", "TBODY", "TR"]);
    const observer = new MutationObserver((mutations) => {
      if (mutations.some((mutation) => structural.has((mutation.target as Element).tagName))) labelCells(table);
    });
    observer.observe(table, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}

/**
 * Stacks the table (data-stacked on its box) when its box is narrower than `stackBelow` pixels (a phone), or when
 * its columns do not fit the box. To know whether they fit, it measures the table unstacked, within the same
 * task, so nothing is painted in between. The first decision is taken in a layout effect, before the first paint:
 * an effect (after paint) showed a phone the wide table for one frame, then the stacked one, and everything below
 * it moved (Lighthouse measured a layout shift of 0.2 on the Secrets page). Later, ResizeObserver reports before
 * the frame is painted. It looks again when the box's width changes or rows come and go (not on its own height
 * change, which stacking causes).
 */
function useStacking(
  boxRef: RefObject<HTMLDivElement | null>,
  tableRef: RefObject<HTMLTableElement | null>,
  stackBelow: number,
) {
  useLayoutEffect(() => {
    const box = boxRef.current;
    const table = tableRef.current;
    if (!box || !table || typeof ResizeObserver === "undefined") return;
    const decide = () => {
      box.removeAttribute("data-stacked");
      const overflows = table.offsetWidth > box.clientWidth + 1;
      box.toggleAttribute("data-stacked", overflows || box.clientWidth < stackBelow);
    };
    let lastWidth = box.clientWidth;
    decide();
    const resizes = new ResizeObserver(() => {
      if (box.clientWidth === lastWidth) return;
      lastWidth = box.clientWidth;
      decide();
    });
    const rows = new MutationObserver(decide);
    resizes.observe(box);
    rows.observe(table, { childList: true, subtree: true });
    return () => {
      resizes.disconnect();
      rows.disconnect();
    };
  }, [boxRef, tableRef, stackBelow]);
}

/**
 * A semantic table that never widens the page. When its columns do not fit its box, or the box is narrower than
 * `stackBelow` (default 576 px: a phone), its rows stack: each row a block, each cell labelled with its column's
 * header (the `table-box` rules in styles.css). Cells can adapt with the `stacked:` and `unstacked:` variants.
 * `relative` keeps screen-reader-only text (positioned absolutely) inside the box, which scrolls sideways as a
 * last resort (a cell that cannot wrap).
 */
export function Table({ className, stackBelow = 576, ...props }: ComponentProps<"table"> & { stackBelow?: number }) {
  const table = useRef<HTMLTableElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useColumnLabels(table);
  useStacking(box, table, stackBelow);
  return (
    <div ref={box} className="table-box relative w-full max-w-full min-w-0 overflow-x-auto rounded-xl border bg-card">
      <table ref={table} className={clsx("w-full caption-bottom text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={clsx("bg-muted/50 [&_tr]:border-b", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={clsx("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={clsx("border-b transition-colors hover:bg-muted/40", className)} {...props} />;
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={clsx(
        "h-10 px-4 text-left align-middle text-xs font-medium tracking-wide " +
          "whitespace-nowrap text-muted-foreground uppercase",
        className,
      )}
      {...props}
    />
  );
}

/**
 * The content sits in a `display: contents` wrapper, which changes nothing in a table; in the stacked layout it
 * becomes the block beside the column label, so a cell's text and elements wrap together there.
 */
export function TableCell({ className, children, ...props }: ComponentProps<"td">) {
  return (
    <td className={clsx("px-4 py-3 align-middle", className)} {...props}>
      <div className="table-cell-content">{children}</div>
    </td>
  );
}
