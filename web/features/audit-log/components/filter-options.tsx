import { useQuery } from "@tanstack/react-query";
import {
  AUDIT_ACTIONS,
  AUDIT_RESOURCE_TYPES,
  type AuditResourceType,
  isAuditAction,
  isAuditResourceType,
} from "#shared/audit-events.ts";
import { actorChoicesQueryOptions, type Choice, projectChoicesQueryOptions } from "#web/features/audit-log/api.ts";

// The <option>s of the audit-log filters. A value in the address that the lists do not hold (a hand-edited link,
// a record older than the list, a person beyond the first hundred) is still offered, so the form shows what the
// page is filtered by.

const RESOURCE_TYPES = Object.keys(AUDIT_RESOURCE_TYPES) as AuditResourceType[];

export function ActionOptions({ current }: { current: string }) {
  return (
    <>
      <option value="">Any action</option>
      {current && !isAuditAction(current) ? <option value={current}>{current}</option> : null}
      {RESOURCE_TYPES.map((resourceType) => (
        <optgroup key={resourceType} label={AUDIT_RESOURCE_TYPES[resourceType]}>
          {Object.entries(AUDIT_ACTIONS)
            .filter(([, info]) => info.resourceType === resourceType)
            .map(([action, info]) => (
              <option key={action} value={action}>
                {info.label} ({action})
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

export function ResourceTypeOptions({ current }: { current: string }) {
  return (
    <>
      <option value="">Any resource</option>
      {current && !isAuditResourceType(current) ? <option value={current}>{current}</option> : null}
      {RESOURCE_TYPES.map((resourceType) => (
        <option key={resourceType} value={resourceType}>
          {AUDIT_RESOURCE_TYPES[resourceType]}
        </option>
      ))}
    </>
  );
}

function OtherChoice({ current, lists, label }: { current: string; lists: Choice[][]; label: string }) {
  if (!current || lists.some((list) => list.some((choice) => choice.id === current))) return null;
  return <option value={current}>{`${label} ${current}`}</option>;
}

/** People and machine identities to pick from (the first hundred of each). */
export function useActorChoices(orgId: string) {
  return useQuery(actorChoicesQueryOptions(orgId));
}

export function ActorOptions({
  current,
  choices,
}: {
  current: string;
  choices: ReturnType<typeof useActorChoices>["data"];
}) {
  return (
    <>
      <option value="">Anyone</option>
      <OtherChoice current={current} lists={[choices?.people ?? [], choices?.identities ?? []]} label="Actor" />
      {choices ? (
        <>
          <optgroup label="People">
            {choices.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Machine identities">
            {choices.identities.map((identity) => (
              <option key={identity.id} value={identity.id}>
                {identity.label}
              </option>
            ))}
          </optgroup>
        </>
      ) : null}
    </>
  );
}

export function useProjectChoices(orgId: string) {
  return useQuery(projectChoicesQueryOptions(orgId));
}

export function ProjectOptions({
  current,
  choices,
}: {
  current: string;
  choices: ReturnType<typeof useProjectChoices>["data"];
}) {
  return (
    <>
      <option value="">Any project</option>
      <OtherChoice current={current} lists={[choices?.projects ?? []]} label="Project" />
      {choices?.projects.map((project) => (
        <option key={project.id} value={project.id}>
          {project.label}
        </option>
      ))}
    </>
  );
}
