import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { ApiClient, ApiResponse } from "../../../test/ground/api-client.ts";
import {
  createTestClock,
  createTestServer,
  type SetupBody,
  TEST_PASSWORD,
  type TestServer,
} from "../../../test/ground/in-process-server.ts";

const clock = createTestClock(new Date());
let server: TestServer;
let admin: ApiClient;
let session: SetupBody;

beforeAll(async () => {
  server = await createTestServer({
    clock,
    env: { LEASEHOLD_SESSION_IDLE_TTL: "3600", LEASEHOLD_SESSION_ABSOLUTE_TTL: "86400" },
  });
  expect((await server.client().send(authRoutes.setupStatus)).body).toEqual({ needsSetup: true });
  ({ client: admin, session } = await server.setupFirstAdmin({ email: "ada@example.com", projectName: "Payments" }));
});
afterAll(() => server.close());

describe("first run", () => {
  it("creates the admin, the organisation and a project with dev, staging and prod", async () => {
    expect(session.orgRole).toBe("admin");
    const project = (await admin.send(projectRoutes.get, { params: { projectId: session.project.id } })).body.project;
    expect(project.environments.map((e: { slug: string }) => e.slug)).toEqual(["dev", "staging", "prod"]);
    expect((await server.client().send(authRoutes.setupStatus)).body).toEqual({ needsSetup: false });
  });

  it("cannot run twice", async () => {
    const res = await server.client().send(authRoutes.setup, {
      body: {
        name: "Eve",
        email: "eve@example.com",
        password: TEST_PASSWORD,
        organizationName: "Evil",
        projectName: "X",
      },
    });
    expect(res.status).toBe(409);
    expect(res.body.reasonCode).toBe("setup_completed");
  });

  it("validates every field", async () => {
    const res = await server.client().send(authRoutes.setup, {
      body: { name: "", email: "nope", password: "short", organizationName: "A", projectName: "B" },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["email", "name", "password"]);
  });
});

describe("login", () => {
  it("signs in, reads the session and signs out", async () => {
    const client = server.client();
    const login = await client.send(authRoutes.login, { body: { email: "ADA@example.com", password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/);
    expect(login.headers.get("set-cookie")).toMatch(/SameSite=Lax/);
    expect((await client.send(authRoutes.session)).body.session.user.email).toBe("ada@example.com");
    expect((await client.send(authRoutes.logout)).status).toBe(200);
    const after = await client.send(authRoutes.session);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ session: null });
  });

  it("gives one message for an unknown email and a wrong password", async () => {
    const unknown = await server
      .client()
      .send(authRoutes.login, { body: { email: "nobody@example.com", password: TEST_PASSWORD } });
    const wrong = await server
      .client()
      .send(authRoutes.login, { body: { email: "ada@example.com", password: "wrong password here" } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(unknown.body.reasonCode).toBe(wrong.body.reasonCode);
  });

  it("rate-limits attempts per email with a clear message", async () => {
    const email = "target@example.com";
    let last: ApiResponse | undefined;
    for (let i = 0; i < 11; i++)
      last = await server.client().send(authRoutes.login, { body: { email, password: `guess number ${i}` } });
    expect(last!.status).toBe(429);
    expect(last!.body.message).toMatch(/Too many failed sign-in attempts\. Try again in \d+ minutes?/);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("does not count successful sign-ins", async () => {
    for (let i = 0; i < 15; i++) {
      expect(
        (await server.client().send(authRoutes.login, { body: { email: "ada@example.com", password: TEST_PASSWORD } }))
          .status,
      ).toBe(200);
    }
  });

  it("rate-limits attempts per IP address", async () => {
    const { createApiClient } = await import("../../../test/ground/api-client.ts");
    let last: ApiResponse | undefined;
    for (let i = 0; i < 31; i++) {
      last = await createApiClient(server.app, { peer: "198.51.100.23" }).send(authRoutes.login, {
        body: { email: `spray${i}@example.com`, password: "password guess" },
      });
    }
    expect(last!.status).toBe(429);
    const sameIpRightPassword = await createApiClient(server.app, { peer: "198.51.100.23" }).send(authRoutes.login, {
      body: { email: "ada@example.com", password: TEST_PASSWORD },
    });
    expect(sameIpRightPassword.status).toBe(429);
    const elsewhere = await createApiClient(server.app, { peer: "198.51.100.24" }).send(authRoutes.login, {
      body: { email: "ada@example.com", password: TEST_PASSWORD },
    });
    expect(elsewhere.status).toBe(200);
  });
});

describe("the session check", () => {
  it("answers a browser that never signed in with session null, not an error", async () => {
    const res = await server.client().send(authRoutes.session);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ session: null });
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("gives the signed-in person, their organisation, role and CSRF token", async () => {
    const res = await admin.send(authRoutes.session);
    expect(res.status).toBe(200);
    expect(res.body.session).toMatchObject({
      user: { email: "ada@example.com" },
      organization: { id: session.organization.id },
      orgRole: "admin",
      csrfToken: expect.any(String),
    });
    expect(res.body.reasonCode).toBeUndefined();
  });

  it("still refuses a bearer token it does not know, with a 401", async () => {
    const client = server.client();
    client.useBearer("not-a-real-token");
    const res = await client.send(authRoutes.session);
    expect(res.status).toBe(401);
    expect(res.body.reasonCode).toBe("invalid_token");
  });
});

describe("sessions", () => {
  it("expire after the idle timeout", async () => {
    const client = server.client();
    await client.send(authRoutes.login, { body: { email: "ada@example.com", password: TEST_PASSWORD } });
    clock.advance(1800);
    expect((await client.send(authRoutes.session)).body.session).not.toBeNull();
    clock.advance(1800 + 60);
    expect((await client.send(authRoutes.session)).body.session).not.toBeNull(); // touched 31 minutes ago
    clock.advance(3601);
    const expired = await client.send(authRoutes.session);
    expect(expired.status).toBe(200);
    expect(expired.body).toEqual({ session: null, reasonCode: "session_expired" });
    // The ended session's cookie is cleared, so the browser stops sending it.
    expect(expired.headers.get("set-cookie")).toMatch(/leasehold_session=;.*Max-Age=0/);
    expect(client.cookie).toBeUndefined();
    // And an ended session is refused everywhere else, as before.
    expect((await client.send(projectRoutes.list)).status).toBe(401);
  });

  it("expire at the absolute limit even when active", async () => {
    const client = server.client();
    await client.send(authRoutes.login, { body: { email: "ada@example.com", password: TEST_PASSWORD } });
    for (let i = 0; i < 25; i++) {
      clock.advance(3500);
      if ((await client.send(authRoutes.session)).body.session === null) break;
    }
    expect((await client.send(authRoutes.session)).body.session).toBeNull();
  });
});

describe("CSRF defence on cookie-authenticated writes", () => {
  beforeAll(async () => {
    // The session tests above moved the clock past the first session's lifetime.
    expect(
      (await admin.send(authRoutes.login, { body: { email: "ada@example.com", password: TEST_PASSWORD } })).status,
    ).toBe(200);
  });

  it("refuses a write without the CSRF token", async () => {
    const res = await admin.send(projectRoutes.create, { body: { name: "No token" }, headers: { "x-csrf-token": "" } });
    expect(res.status).toBe(403);
    expect(res.body.reasonCode).toBe("csrf_failed");
  });

  it("refuses a write from another origin even with the token", async () => {
    const res = await admin.send(projectRoutes.create, {
      body: { name: "Cross site" },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
  });

  it("refuses a logout from another origin, or without the token, and the session lives on", async () => {
    const crossSite = await admin.send(authRoutes.logout, { body: {}, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.reasonCode).toBe("csrf_failed");
    expect(crossSite.headers.get("set-cookie")).toBeNull();
    const noToken = await admin.send(authRoutes.logout, { body: {}, headers: { "x-csrf-token": "" } });
    expect(noToken.status).toBe(403);
    expect((await admin.send(authRoutes.session)).body.session).not.toBeNull();
  });

  it("accepts a same-origin write with the token", async () => {
    expect((await admin.send(projectRoutes.create, { body: { name: "Same site" } })).status).toBe(200);
  });
});

describe("secrets in logs", () => {
  it("never logs a password, a session cookie or a CSRF token", () => {
    const all = server.logs.join("\n");
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain(admin.cookie!.split("=")[1]);
    expect(all).not.toContain(admin.csrfToken!);
  });
});
