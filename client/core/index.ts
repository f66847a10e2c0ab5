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
export { apiPath, type HttpMethod, type QueryParams, type RequestOptions, type TransportOptions } from "./transport.ts";
