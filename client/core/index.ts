// The browser-safe typed client: the dashboard, the tests and the Node entry point all use it.
export { isLeaseholdError, LeaseholdError, NETWORK_ERROR_STATUS } from "./errors.ts";
export {
  type AwsLoginOptions,
  type AwsLoginSigner,
  LeaseholdClient,
  type LeaseholdClientOptions,
  type LoginInput,
  type SecretLocation,
} from "./leasehold-client.ts";
export { type AnswerOf, type AnyRoute, type BodyOf, pathOf, type Route } from "./route.ts";
export type { AnswerCheck, ResponseSchema } from "./schema.ts";
export type { HttpMethod, QueryParams, RequestOptions, TransportOptions } from "./transport.ts";
