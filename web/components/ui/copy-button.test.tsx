import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CopyButton } from "#web/components/ui/copy-button.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("CopyButton", () => {
  it("copies exactly the given text and announces it", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("isSecureContext", true);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const link = "  http://localhost/accept-invite?token=abc%2B  ";

    render(<CopyButton text={link} label="Copy setup link" />);
    expect(screen.getByRole("status").textContent).toBe("");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Copy setup link" }));
    });

    expect(writeText).toHaveBeenCalledWith(link);
    expect(screen.getByRole("status").textContent).toBe("Copied");
  });
});
