import type { z } from "zod";
import {
  type AwsAuthLoginInput,
  type attachAwsAuthInputSchema,
  awsAuthLoginResponseSchema,
  identityAwsAuthResponseSchema,
  type updateAwsAuthInputSchema,
} from "#shared/schemas/aws-auth.ts";
import { messageResponseSchema } from "#shared/schemas/common.ts";
import {
  type createDynamicSecretInputSchema,
  type deleteDynamicSecretInputSchema,
  dynamicSecretResponseSchema,
  listDynamicSecretsResponseSchema,
  type SecretLocation,
  type secretLocationSchema,
  type testDynamicSecretInputSchema,
  testDynamicSecretResponseSchema,
  type updateDynamicSecretInputSchema,
} from "#shared/schemas/dynamic-secrets.ts";
import {
  type createIdentityInputSchema,
  identityResponseSchema,
  type listIdentitiesQuerySchema,
  listIdentitiesResponseSchema,
  type updateIdentityInputSchema,
} from "#shared/schemas/identities.ts";
import {
  type createLeaseInputSchema,
  createLeaseResponseSchema,
  leaseResponseSchema,
  type listLeasesQuerySchema,
  listLeasesResponseSchema,
  type renewLeaseInputSchema,
  type revokeLeaseInputSchema,
} from "#shared/schemas/leases.ts";
import { serverInfoResponseSchema } from "#shared/schemas/server-info.ts";
import { type AccessTokenResponse, accessTokenResponseSchema } from "#shared/schemas/tokens.ts";
import { apiPath, createTransport, type RequestOptions, type Transport, type TransportOptions } from "./transport.ts";

/** What a caller sends: the shared schema's input type (defaults optional, before transforms). */
type In<Schema extends z.ZodType> = z.input<Schema>;
type Location = In<typeof secretLocationSchema>;
/** Query strings are coerced on the server, so their input type is `unknown`: callers send the output type. */
type Out<Schema extends z.ZodType> = z.output<Schema>;
type LeasePage = Partial<Pick<Out<typeof listLeasesQuerySchema>, "status" | "limit" | "cursor">>;

/** Where `login({ aws })` signs and what it binds the signature to. */
export interface AwsLoginOptions {
  identityId: string;
  /** The region to sign for; the environment's AWS_REGION (or us-east-1) when absent. */
  region?: string;
  /** Sign for this STS endpoint (an identity bound to a regional endpoint needs it); the region's by default. */
  stsEndpoint?: string;
  /** X-Leasehold-Server-ID to sign; read from GET /api/v1/server-info when absent. */
  serverId?: string;
}

/** Signs GetCallerIdentity with the machine's AWS credentials: provided by the Node entry point. */
export type AwsLoginSigner = (
  options: Omit<AwsLoginOptions, "serverId"> & { serverId: string },
) => Promise<AwsAuthLoginInput>;

export type LoginInput = { awsAuth: AwsAuthLoginInput } | { aws: AwsLoginOptions };

export interface LeaseholdClientOptions extends TransportOptions {
  /** How `login({ aws })` signs; the Node entry point (`client/index.ts`) provides the SDK default chain. */
  awsSigner?: AwsLoginSigner;
}

/**
 * The typed Leasehold API client (../shared/API.md), on the shared zod contracts: inputs are
 * the schemas' input types, answers are parsed by the response schemas. It runs in browsers
 * and in Node; nothing here imports Node.
 */
export class LeaseholdClient {
  readonly #http: Transport;
  readonly #awsSigner: AwsLoginSigner | undefined;

  constructor(options: LeaseholdClientOptions = {}) {
    this.#http = createTransport(options);
    this.#awsSigner = options.awsSigner;
  }

  get baseUrl(): string {
    return this.#http.baseUrl;
  }
  /** The bearer token in use (set by login, or given to the constructor). */
  get accessToken(): string | undefined {
    return this.#http.accessToken;
  }
  set accessToken(token: string | undefined) {
    this.#http.accessToken = token;
  }

  /** Any route, parsed by its shared response schema: for routes without a method here yet. */
  request<Schema extends z.ZodType>(path: string, responseSchema: Schema, options?: RequestOptions) {
    return this.#http.request(path, responseSchema, options);
  }

  /** Public: the server ID that `login({ aws })` signs into X-Leasehold-Server-ID. */
  serverInfo() {
    return this.#http.request("/api/v1/server-info", serverInfoResponseSchema);
  }

  /**
   * Logs in with AWS Auth and keeps the token for later calls. `awsAuth` is a request
   * signed elsewhere (the seed's shape, base64 or raw); `aws` signs a fresh one here,
   * which is the only kind a server that refuses replayed signatures accepts twice.
   */
  async login(input: LoginInput): Promise<AccessTokenResponse> {
    let body: AwsAuthLoginInput;
    if ("awsAuth" in input) body = input.awsAuth;
    else {
      if (!this.#awsSigner) {
        throw new TypeError(
          "login({ aws }) signs with AWS credentials: use the Node entry point (client/index.ts) or pass awsSigner",
        );
      }
      const serverId = input.aws.serverId ?? (await this.serverInfo()).serverId;
      body = await this.#awsSigner({ ...input.aws, serverId });
    }
    const token = await this.#http.request("/api/v1/auth/aws-auth/login", awsAuthLoginResponseSchema, {
      method: "POST",
      body,
      skipUnauthorizedHandler: true,
    });
    this.#http.accessToken = token.accessToken;
    return token;
  }

  readonly token = {
    /** Extends the token's TTL (up to creation + max TTL); the client keeps the renewed token. */
    renew: async (input: { accessToken?: string } = {}) => {
      const accessToken = input.accessToken ?? this.#requireToken();
      const renewed = await this.#http.request("/api/v1/auth/token/renew", accessTokenResponseSchema, {
        method: "POST",
        body: { accessToken },
        skipUnauthorizedHandler: true,
      });
      if (accessToken === this.#http.accessToken) this.#http.accessToken = renewed.accessToken;
      return renewed;
    },
    revoke: async (input: { accessToken?: string } = {}) => {
      const accessToken = input.accessToken ?? this.#requireToken();
      const result = await this.#http.request("/api/v1/auth/token/revoke", messageResponseSchema, {
        method: "POST",
        body: { accessToken },
      });
      if (accessToken === this.#http.accessToken) this.#http.accessToken = undefined;
      return result;
    },
  };

  readonly identities = {
    create: (input: In<typeof createIdentityInputSchema>) =>
      this.#http.request("/api/v1/identities", identityResponseSchema, { method: "POST", body: input }),
    get: ({ identityId }: { identityId: string }) =>
      this.#http.request(apiPath`/api/v1/identities/${identityId}`, identityResponseSchema),
    update: ({ identityId, ...input }: { identityId: string } & In<typeof updateIdentityInputSchema>) =>
      this.#http.request(apiPath`/api/v1/identities/${identityId}`, identityResponseSchema, {
        method: "PATCH",
        body: input,
      }),
    delete: ({ identityId }: { identityId: string }) =>
      this.#http.request(apiPath`/api/v1/identities/${identityId}`, identityResponseSchema, { method: "DELETE" }),
    list: ({ organizationId, ...query }: { organizationId: string } & Partial<Out<typeof listIdentitiesQuerySchema>>) =>
      this.#http.request(apiPath`/api/v1/organizations/${organizationId}/identities`, listIdentitiesResponseSchema, {
        query,
      }),
  };

  readonly identityAuth = {
    aws: {
      attach: ({ identityId, ...input }: { identityId: string } & In<typeof attachAwsAuthInputSchema>) =>
        this.#awsAuth(identityId, "POST", input),
      update: ({ identityId, ...input }: { identityId: string } & In<typeof updateAwsAuthInputSchema>) =>
        this.#awsAuth(identityId, "PATCH", input),
      get: ({ identityId }: { identityId: string }) => this.#awsAuth(identityId, "GET"),
      /** Detaches AWS Auth, which revokes every token issued through it. */
      revoke: ({ identityId }: { identityId: string }) => this.#awsAuth(identityId, "DELETE"),
    },
  };

  readonly dynamicSecrets = {
    create: (input: In<typeof createDynamicSecretInputSchema>) =>
      this.#http.request("/api/v1/dynamic-secrets", dynamicSecretResponseSchema, { method: "POST", body: input }),
    get: ({ name, ...location }: { name: string } & Location) =>
      this.#http.request(apiPath`/api/v1/dynamic-secrets/${name}`, dynamicSecretResponseSchema, {
        query: location,
      }),
    list: (location: Location) =>
      this.#http.request("/api/v1/dynamic-secrets", listDynamicSecretsResponseSchema, { query: location }),
    update: ({ name, ...input }: { name: string } & In<typeof updateDynamicSecretInputSchema>) =>
      this.#http.request(apiPath`/api/v1/dynamic-secrets/${name}`, dynamicSecretResponseSchema, {
        method: "PATCH",
        body: input,
      }),
    /**
     * "Test configuration": checks a saved secret (`name`) or unsaved inputs against AWS without creating anything.
     * Each check has a `status` (ok, warning, skipped, failed) and names the `field` or the AWS `action` it is about.
     */
    testConfiguration: (input: In<typeof testDynamicSecretInputSchema>) =>
      this.#http.request("/api/v1/dynamic-secrets/test-configuration", testDynamicSecretResponseSchema, {
        method: "POST",
        body: input,
      }),
    /** Revokes every lease of the secret first. */
    delete: ({ name, ...input }: { name: string } & In<typeof deleteDynamicSecretInputSchema>) =>
      this.#http.request(apiPath`/api/v1/dynamic-secrets/${name}`, dynamicSecretResponseSchema, {
        method: "DELETE",
        body: input,
      }),
  };

  readonly leases = {
    /** The credentials in `data` are shown this once: the server keeps no copy. */
    create: (input: In<typeof createLeaseInputSchema>) =>
      this.#http.request("/api/v1/dynamic-secrets/leases", createLeaseResponseSchema, { method: "POST", body: input }),
    get: ({ leaseId, ...location }: { leaseId: string } & Location) =>
      this.#http.request(apiPath`/api/v1/dynamic-secrets/leases/${leaseId}`, leaseResponseSchema, {
        query: location,
      }),
    list: ({ dynamicSecretName, ...query }: { dynamicSecretName: string } & Location & LeasePage) =>
      this.#http.request(apiPath`/api/v1/dynamic-secrets/${dynamicSecretName}/leases`, listLeasesResponseSchema, {
        query,
      }),
    renew: ({ leaseId, ...input }: { leaseId: string } & In<typeof renewLeaseInputSchema>) =>
      this.#http.request(apiPath`/api/v1/dynamic-secrets/leases/${leaseId}/renew`, leaseResponseSchema, {
        method: "POST",
        body: input,
      }),
    revoke: ({ leaseId, ...input }: { leaseId: string } & In<typeof revokeLeaseInputSchema>) =>
      this.#http.request(apiPath`/api/v1/dynamic-secrets/leases/${leaseId}`, leaseResponseSchema, {
        method: "DELETE",
        body: input,
      }),
  };

  #awsAuth(identityId: string, method: "GET" | "POST" | "PATCH" | "DELETE", body?: unknown) {
    return this.#http.request(apiPath`/api/v1/auth/aws-auth/identities/${identityId}`, identityAwsAuthResponseSchema, {
      method,
      body,
    });
  }

  #requireToken(): string {
    const token = this.#http.accessToken;
    if (!token) throw new TypeError("No access token: log in first, or pass { accessToken }");
    return token;
  }
}

export type { SecretLocation };
