import type {
  createDynamicSecretInputSchema,
  deleteDynamicSecretInputSchema,
  deleteOrphansInputSchema,
  secretLocationSchema,
  testDynamicSecretInputSchema,
  updateDynamicSecretInputSchema,
  usernamePreviewInputSchema,
} from "#shared/schemas/dynamic-secrets.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

const dynamicSecret = lazySchema(() =>
  import("#shared/schemas/dynamic-secrets.ts").then((m) => m.dynamicSecretResponseSchema),
);
const location = typeOf<typeof secretLocationSchema>;
const base = "/api/v1/dynamic-secrets";

/** Dynamic secrets, addressed by name and location (project slug, environment slug, folder path), as in Infisical. */
export const dynamicSecretRoutes = {
  create: route("POST", base, {
    operationId: "createDynamicSecret",
    body: typeOf<typeof createDynamicSecretInputSchema>(),
    response: dynamicSecret,
  }),
  list: route("GET", base, {
    operationId: "listDynamicSecrets",
    query: location(),
    response: lazySchema(() =>
      import("#shared/schemas/dynamic-secrets.ts").then((m) => m.listDynamicSecretsResponseSchema),
    ),
  }),
  testConfiguration: route("POST", `${base}/test-configuration`, {
    operationId: "testDynamicSecretConfiguration",
    body: typeOf<typeof testDynamicSecretInputSchema>(),
    response: lazySchema(() =>
      import("#shared/schemas/dynamic-secrets.ts").then((m) => m.testDynamicSecretResponseSchema),
    ),
  }),
  usernamePreview: route("POST", `${base}/username-preview`, {
    operationId: "previewDynamicSecretUsername",
    body: typeOf<typeof usernamePreviewInputSchema>(),
    response: lazySchema(() =>
      import("#shared/schemas/dynamic-secrets.ts").then((m) => m.usernamePreviewResponseSchema),
    ),
  }),
  get: route("GET", `${base}/{name}`, { operationId: "getDynamicSecret", query: location(), response: dynamicSecret }),
  update: route("PATCH", `${base}/{name}`, {
    operationId: "updateDynamicSecret",
    body: typeOf<typeof updateDynamicSecretInputSchema>(),
    response: dynamicSecret,
  }),
  /** Revokes every lease of the secret first. Infisical's SDK sends the location in the body; a query works too. */
  delete: route("DELETE", `${base}/{name}`, {
    operationId: "deleteDynamicSecret",
    body: typeOf<typeof deleteDynamicSecretInputSchema>(),
    response: dynamicSecret,
  }),
  listOrphans: route("GET", `${base}/{name}/orphans`, {
    operationId: "listDynamicSecretOrphans",
    query: location(),
    response: lazySchema(() => import("#shared/schemas/dynamic-secrets.ts").then((m) => m.listOrphansResponseSchema)),
  }),
  deleteOrphans: route("POST", `${base}/{name}/orphans/delete`, {
    operationId: "deleteDynamicSecretOrphans",
    body: typeOf<typeof deleteOrphansInputSchema>(),
    response: lazySchema(() => import("#shared/schemas/dynamic-secrets.ts").then((m) => m.deleteOrphansResponseSchema)),
  }),
};
