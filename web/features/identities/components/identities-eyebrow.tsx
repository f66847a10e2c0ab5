import { Link } from "@tanstack/react-router";

/** The way back to the list, above an identity page's title. */
export function IdentitiesEyebrow() {
  return (
    <Link to="/identities" className="hover:text-foreground hover:underline">
      Machine identities
    </Link>
  );
}
