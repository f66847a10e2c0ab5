// How a route carries its shared schemas without making a page download them (decision 1311). This module imports
// nothing at run time: every type here is structural, so a browser page that imports a route table gets no zod.

/** One problem found in an answer: zod's issue shape, which a hand-written check gives too. */
interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

/**
 * What an answer is checked with: a shared zod schema, or anything with the same `safeParse` — a hand-written check
 * held to the zod schema by a property test, where a first page must not load zod (the session, the setup status).
 */
export interface ResponseSchema<Output = unknown> {
  safeParse(
    value: unknown,
  ): { success: true; data: Output } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/**
 * A schema imported when an answer is first checked — `() => import("#shared/schemas/projects.ts").then((m) =>
 * m.projectResponseSchema)` — so its module and zod load only then. Bundlers put the module in a chunk of its own;
 * the property read (not the whole module) lets them leave the rest of it out.
 */
type LazyResponseSchema<Output = unknown> = () => Promise<ResponseSchema<Output>>;

/** A route's answer check: at hand, or imported on first use. */
export type AnswerCheck<Output = unknown> = ResponseSchema<Output> | LazyResponseSchema<Output>;

type Checked<Schema> = Schema extends { safeParse(value: unknown): infer Result }
  ? Result extends { success: true; data: infer Output }
    ? Output
    : never
  : never;
/** The type of an answer that passed the check: the schema's output type. */
export type OutputOf<Check> = Check extends () => Promise<infer Schema> ? Checked<Schema> : Checked<Check>;

/**
 * `lazySchema(() => import("#shared/schemas/projects.ts").then((m) => m.projectResponseSchema))`: the shared schema,
 * imported the first time an answer is checked with it. It only keeps the schema's type (a bare arrow in a route would
 * be typed by the route's wide constraint).
 */
export function lazySchema<Schema extends ResponseSchema>(load: () => Promise<Schema>): () => Promise<Schema> {
  return load;
}

declare const phantom: unique symbol;
/** A type known at compile time only: a route's body and query types, from schemas imported with `import type`. */
export interface TypeOf<T> {
  readonly [phantom]: T;
}
const TYPE_ONLY = Object.freeze({ typeOnly: true });
/**
 * `body: typeOf<typeof createIdentityInputSchema>()`: the route's body is typed from the shared schema's input type,
 * while the schema itself stays out of the bundle (the server checks every body with it).
 */
export function typeOf<T>(): TypeOf<T> {
  return TYPE_ONLY as unknown as TypeOf<T>;
}
