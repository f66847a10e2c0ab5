import {
  createDynamicSecretInputSchema,
  deleteDynamicSecretInputSchema,
  deleteOrphansInputSchema,
  deleteOrphansResponseSchema,
  dynamicSecretResponseSchema,
  listDynamicSecretsResponseSchema,
  listOrphansResponseSchema,
  secretLocationSchema,
  testDynamicSecretInputSchema,
  testDynamicSecretResponseSchema,
  updateDynamicSecretInputSchema,
  usernamePreviewInputSchema,
  usernamePreviewResponseSchema,
} from "#shared/schemas/dynamic-secrets.ts";
import { route } from "../route.ts";

const base = "/api/v1/dynamic-secrets";

/** Dynamic secrets, addressed by name and location (project slug, environment slug, folder path), as in Infisical. */
export const dynamicSecretRoutes = {
  create: route("POST", base, {
    operationId: "createDynamicSecret",
    body: createDynamicSecretInputSchema,
    response: dynamicSecretResponseSchema,
  }),
  list: route("GET", base, {
    operationId: "listDynamicSecrets",
    query: secretLocationSchema,
    response: listDynamicSecretsResponseSchema,
  }),
  testConfiguration: route("POST", `${base}/test-configuration`, {
    operationId: "testDynamicSecretConfiguration",
    body: testDynamicSecretInputSchema,
    response: testDynamicSecretResponseSchema,
  }),
  usernamePreview: route("POST", `${base}/username-preview`, {
    operationId: "previewDynamicSecretUsername",
    body: usernamePreviewInputSchema,
    response: usernamePreviewResponseSchema,
  }),
  get: route("GET", `${base}/{name}`, {
    operationId: "getDynamicSecret",
    query: secretLocationSchema,
    response: dynamicSecretResponseSchema,
  }),
  update: route("PATCH", `${base}/{name}`, {
    operationId: "updateDynamicSecret",
    body: updateDynamicSecretInputSchema,
    response: dynamicSecretResponseSchema,
  }),
  /** Revokes every lease of the secret first. Infisical's SDK sends the location in the body; a query works too. */
  delete: route("DELETE", `${base}/{name}`, {
    operationId: "deleteDynamicSecret",
    body: deleteDynamicSecretInputSchema,
    response: dynamicSecretResponseSchema,
  }),
  listOrphans: route("GET", `${base}/{name}/orphans`, {
    operationId: "listDynamicSecretOrphans",
    query: secretLocationSchema,
    response: listOrphansResponseSchema,
  }),
  deleteOrphans: route("POST", `${base}/{name}/orphans/delete`, {
    operationId: "deleteDynamicSecretOrphans",
    body: deleteOrphansInputSchema,
    response: deleteOrphansResponseSchema,
  }),
};
