import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/**
 * jsdom has no layout: the box and table widths are given, and ResizeObserver reports once on observe, as a
 * browser does before the first paint.
 */
function layout({ box, table }: { box: number; table: number }) {
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("table-box") ? box : 0;
  });
  vi.spyOn(HTMLElement.prototype, "offsetWidth", "get").mockImplementation(function (this: HTMLElement) {
    return this.tagName === "TABLE" ? table : 0;
  });
  vi.stubGlobal(
    "ResizeObserver",
    class {
      constructor(private readonly callback: () => void) {}
      observe() {
        this.callback();
      }
      disconnect() {}
    },
  );
}

const box = () => screen.getByRole("table").parentElement as HTMLElement;

function Secrets({ names }: { names: string[] }) {
  return (
    <Table aria-label="Dynamic secrets">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>
            Active <span className="sr-only">leases</span>
          </TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {names.map((name) => (
          <TableRow key={name}>
            <TableCell>{name}</TableCell>
            <TableCell>0</TableCell>
            <TableCell>
              <button type="button">Generate</button>
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell colSpan={3}>A note across the row</TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

describe("Table", () => {
  it("labels each body cell with its column's visible header, for the stacked layout", () => {
    render(<Secrets names={["deployer"]} />);
    const [name, active, actions] = within(screen.getByRole("row", { name: /deployer/ })).getAllByRole("cell");
    expect(name?.getAttribute("data-label")).toBe("Name");
    // Screen-reader-only words are not shown as a label, and a header with none visible gives none.
    expect(active?.getAttribute("data-label")).toBe("Active");
    expect(actions?.hasAttribute("data-label")).toBe(false);
    expect(screen.getByRole("cell", { name: "A note across the row" }).hasAttribute("data-label")).toBe(false);
  });

  it("labels rows added later", async () => {
    const { rerender } = render(<Secrets names={["deployer"]} />);
    rerender(<Secrets names={["deployer", "session"]} />);
    await new Promise((resolve) => setTimeout(resolve, 0)); // MutationObserver
    const [name] = within(screen.getByRole("row", { name: /session/ })).getAllByRole("cell");
    expect(name?.getAttribute("data-label")).toBe("Name");
  });

  it("keeps the table's semantics and names", () => {
    render(<Secrets names={["deployer"]} />);
    const table = screen.getByRole("table", { name: "Dynamic secrets" });
    expect(within(table).getAllByRole("columnheader")).toHaveLength(3);
    expect(within(table).getByRole("cell", { name: "deployer" })).toBeTruthy();
  });

  it("stacks when its columns do not fit the box", () => {
    layout({ box: 704, table: 1100 });
    render(<Secrets names={["deployer"]} />);
    expect(box().hasAttribute("data-stacked")).toBe(true);
  });

  it("stays a table when it fits a box wider than a phone", () => {
    layout({ box: 920, table: 920 });
    render(<Secrets names={["deployer"]} />);
    expect(box().hasAttribute("data-stacked")).toBe(false);
  });

  it("stacks on a phone even when the columns would squeeze in", () => {
    layout({ box: 358, table: 358 });
    render(<Secrets names={["deployer"]} />);
    expect(box().hasAttribute("data-stacked")).toBe(true);
  });
});
