import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useFocusOnChange } from "#web/lib/use-focus-on-change.ts";

afterEach(cleanup);

/** A wizard's frame: a step heading, or a loading placeholder while the step's data arrives. */
function Wizard({ step, loading = false }: { step: number; loading?: boolean }) {
  const heading = useFocusOnChange<HTMLHeadingElement>(step);
  return (
    <div>
      <input aria-label="Name" />
      {loading ? <p>Loading…</p> : <h2 ref={heading}>{`Step ${step}`}</h2>}
    </div>
  );
}

describe("useFocusOnChange", () => {
  it("does not take focus on the first render", () => {
    render(<Wizard step={1} />);
    expect(document.activeElement).toBe(document.body);
  });

  it("focuses the step heading when the step changes, without making it a Tab stop", () => {
    const { rerender } = render(<Wizard step={1} />);
    screen.getByRole("textbox", { name: "Name" }).focus();
    rerender(<Wizard step={2} />);
    const heading = screen.getByRole("heading", { name: "Step 2" });
    expect(document.activeElement).toBe(heading);
    expect(heading.tabIndex).toBe(-1);
  });

  it("focuses the heading once it appears when the step shows a placeholder first", () => {
    const { rerender } = render(<Wizard step={1} />);
    rerender(<Wizard step={2} loading />);
    expect(document.activeElement).toBe(document.body);
    rerender(<Wizard step={2} />);
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Step 2" }));
  });

  it("leaves focus alone on renders that keep the step", () => {
    const { rerender } = render(<Wizard step={2} />);
    const input = screen.getByRole("textbox", { name: "Name" });
    input.focus();
    rerender(<Wizard step={2} />);
    expect(document.activeElement).toBe(input);
  });
});
