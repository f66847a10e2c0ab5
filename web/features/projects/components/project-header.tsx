import { useSuspenseQuery } from "@tanstack/react-query";
import { Link, useRouterState } from "@tanstack/react-router";
import { clsx } from "clsx";
import { useRef } from "react";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { Badge } from "#web/components/ui/badge.tsx";
import { projectQueryOptions } from "#web/features/projects/api.ts";
import { useCurrentLinkInView } from "#web/lib/use-current-link-in-view.ts";

const tabClasses = clsx(
  "-mb-px inline-block border-b-2 border-transparent px-1 pb-2.5 text-sm " +
    "font-medium text-muted-foreground transition-colors hover:text-foreground",
  "aria-[current=page]:border-primary aria-[current=page]:text-foreground",
);

/** Project title plus the links between its pages. Links, not tabs: each page has its own address. */
export function ProjectHeader({ projectId }: { projectId: string }) {
  const { data: project } = useSuspenseQuery(projectQueryOptions(projectId));
  const links = useRef<HTMLElement>(null);
  useCurrentLinkInView(links, useRouterState({ select: (state) => state.location.pathname }));
  return (
    <div className="mb-6">
      <PageHeader
        eyebrow={
          <Link to="/projects" className="hover:text-foreground hover:underline">
            Projects
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            {project.name}
            <Badge variant="outline" className="font-mono font-normal">
              {project.slug}
            </Badge>
          </span>
        }
      />
      {/* On a phone the five links are wider than the screen: they scroll sideways inside the bar. */}
      <nav ref={links} aria-label="Project" className="-mt-2 overflow-x-auto border-b">
        <ul className="flex gap-5 whitespace-nowrap">
          <li>
            <Link
              to="/projects/$projectId"
              params={{ projectId }}
              activeOptions={{ exact: true, includeSearch: false }}
              className={tabClasses}
            >
              Overview
            </Link>
          </li>
          <li>
            <Link to="/projects/$projectId/secrets" params={{ projectId }} className={tabClasses}>
              Secrets
            </Link>
          </li>
          <li>
            <Link to="/projects/$projectId/members" params={{ projectId }} className={tabClasses}>
              Members
            </Link>
          </li>
          <li>
            <Link to="/projects/$projectId/app-connections" params={{ projectId }} className={tabClasses}>
              Integrations
            </Link>
          </li>
          <li>
            <Link to="/projects/$projectId/settings" params={{ projectId }} className={tabClasses}>
              Settings
            </Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}
