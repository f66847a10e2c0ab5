import type { z } from "zod";
import type { AwsAuthLoginInput } from "#shared/schemas/aws-auth.ts";
import type { SecretLocation, secretLocationSchema } from "#shared/schemas/dynamic-secrets.ts";
import type { listIdentitiesQuerySchema } from "#shared/schemas/identities.ts";
import type { listLeasesQuerySchema } from "#shared/schemas/leases.ts";
import type { AccessTokenResponse } from "#shared/schemas/tokens.ts";
import {
  type AnswerOf,
  type AnyRoute,
  type BodyOf,
  type CallArgs,
  callRoute,
  type SendRouteOptions,
  sendRoute,
} from "./route.ts";
import { authRoutes } from "./routes/auth.ts";
import { awsAuthRoutes } from "./routes/aws-auth.ts";
import { dynamicSecretRoutes } from "./routes/dynamic-secrets.ts";
import { identityRoutes } from "./routes/identities.ts";
import { leaseRoutes } from "./routes/leases.ts";
import { tokenRoutes } from "./routes/tokens.ts";
import type { AnswerCheck } from "./schema.ts";
import { createTransport, type RequestOptions, type Transport, type TransportOptions } from "./transport.ts";

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

  /** Any route of the route tables (`client/core/routes/`), typed by its shared schemas. */
  call<R extends AnyRoute>(route: R, ...args: CallArgs<R>): Promise<AnswerOf<R>> {
    return callRoute(this.#http, route, ...args);
  }

  /** The same call answered as it came, whatever its status (tests of refusals, scripts that branch on a 404). */
  send(route: AnyRoute, options?: SendRouteOptions) {
    return sendRoute(this.#http, route, options);
  }

  /** A path that no route table lists (a proxy's health check, say); prefer `call`. */
  request<Output>(path: string, check: AnswerCheck<Output>, options?: RequestOptions): Promise<Output> {
    return this.#http.request(path, check, options);
  }

  /** Public: the server ID that `login({ aws })` signs into X-Leasehold-Server-ID. */
  serverInfo() {
    return this.call(authRoutes.serverInfo);
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
    const token = await this.call(awsAuthRoutes.login, { body, skipUnauthorizedHandler: true });
    this.#http.accessToken = token.accessToken;
    return token;
  }

  readonly token = {
    /** Extends the token's TTL (up to creation + max TTL); the client keeps the renewed token. */
    renew: async (input: { accessToken?: string } = {}) => {
      const accessToken = input.accessToken ?? this.#requireToken();
      const renewed = await this.call(tokenRoutes.renew, { body: { accessToken }, skipUnauthorizedHandler: true });
      if (accessToken === this.#http.accessToken) this.#http.accessToken = renewed.accessToken;
      return renewed;
    },
    revoke: async (input: { accessToken?: string } = {}) => {
      const accessToken = input.accessToken ?? this.#requireToken();
      const result = await this.call(tokenRoutes.revoke, { body: { accessToken } });
      if (accessToken === this.#http.accessToken) this.#http.accessToken = undefined;
      return result;
    },
  };

  readonly identities = {
    create: (input: BodyOf<typeof identityRoutes.create>) => this.call(identityRoutes.create, { body: input }),
    get: ({ identityId }: { identityId: string }) => this.call(identityRoutes.get, { params: { identityId } }),
    update: ({ identityId, ...input }: { identityId: string } & BodyOf<typeof identityRoutes.update>) =>
      this.call(identityRoutes.update, { params: { identityId }, body: input }),
    delete: ({ identityId }: { identityId: string }) => this.call(identityRoutes.delete, { params: { identityId } }),
    list: ({ organizationId, ...query }: { organizationId: string } & Partial<Out<typeof listIdentitiesQuerySchema>>) =>
      this.call(identityRoutes.list, { params: { orgId: organizationId }, query }),
  };

  readonly identityAuth = {
    aws: {
      attach: ({ identityId, ...input }: { identityId: string } & BodyOf<typeof awsAuthRoutes.attach>) =>
        this.call(awsAuthRoutes.attach, { params: { identityId }, body: input }),
      update: ({ identityId, ...input }: { identityId: string } & BodyOf<typeof awsAuthRoutes.update>) =>
        this.call(awsAuthRoutes.update, { params: { identityId }, body: input }),
      get: ({ identityId }: { identityId: string }) => this.call(awsAuthRoutes.get, { params: { identityId } }),
      /** Detaches AWS Auth, which revokes every token issued through it. */
      revoke: ({ identityId }: { identityId: string }) => this.call(awsAuthRoutes.detach, { params: { identityId } }),
    },
  };

  readonly dynamicSecrets = {
    create: (input: BodyOf<typeof dynamicSecretRoutes.create>) =>
      this.call(dynamicSecretRoutes.create, { body: input }),
    get: ({ name, ...location }: { name: string } & Location) =>
      this.call(dynamicSecretRoutes.get, { params: { name }, query: location }),
    list: (location: Location) => this.call(dynamicSecretRoutes.list, { query: location }),
    update: ({ name, ...input }: { name: string } & BodyOf<typeof dynamicSecretRoutes.update>) =>
      this.call(dynamicSecretRoutes.update, { params: { name }, body: input }),
    /**
     * "Test configuration": checks a saved secret (`name`) or unsaved inputs against AWS without creating anything.
     * Each check has a `status` (ok, warning, skipped, failed) and names the `field` or the AWS `action` it is about.
     */
    testConfiguration: (input: BodyOf<typeof dynamicSecretRoutes.testConfiguration>) =>
      this.call(dynamicSecretRoutes.testConfiguration, { body: input }),
    /** Revokes every lease of the secret first. */
    delete: ({ name, ...input }: { name: string } & BodyOf<typeof dynamicSecretRoutes.delete>) =>
      this.call(dynamicSecretRoutes.delete, { params: { name }, body: input }),
  };

  readonly leases = {
    /** The credentials in `data` are shown this once: the server keeps no copy. */
    create: (input: BodyOf<typeof leaseRoutes.create>) => this.call(leaseRoutes.create, { body: input }),
    get: ({ leaseId, ...location }: { leaseId: string } & Location) =>
      this.call(leaseRoutes.get, { params: { leaseId }, query: location }),
    list: ({ dynamicSecretName, ...query }: { dynamicSecretName: string } & Location & LeasePage) =>
      this.call(leaseRoutes.list, { params: { name: dynamicSecretName }, query }),
    renew: ({ leaseId, ...input }: { leaseId: string } & BodyOf<typeof leaseRoutes.renew>) =>
      this.call(leaseRoutes.renew, { params: { leaseId }, body: input }),
    revoke: ({ leaseId, ...input }: { leaseId: string } & BodyOf<typeof leaseRoutes.revoke>) =>
      this.call(leaseRoutes.revoke, { params: { leaseId }, body: input }),
  };

  #requireToken(): string {
    const token = this.#http.accessToken;
    if (!token) throw new TypeError("No access token: log in first, or pass { accessToken }");
    return token;
  }
}

export type { SecretLocation };
