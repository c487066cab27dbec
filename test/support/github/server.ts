import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { executeGraphql } from "./graphql.js";
import { restRoute } from "./rest.js";
import type { World } from "./world.js";

export interface Injected {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Drop the connection instead of answering. */
  readonly reset?: boolean;
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly body?: string;
}

/**
 * A stand-in GitHub on 127.0.0.1: GraphQL executed with graphql-js against GitHub's published
 * schema, REST in GitHub's shapes, rate-limit headers and ETags, and hooks to inject failures.
 */
export class FakeGithub {
  readonly requests: SeenRequest[] = [];
  readonly invalidQueries: string[] = [];
  latencyMs = 0;
  /** When set, requests without this bearer token get 401. */
  requiredToken: string | undefined;
  remaining = 5000;
  resetAt = Math.floor(Date.now() / 1000) + 3600;
  readonly #queue: Injected[] = [];
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  url = "";

  readonly world: World;

  constructor(world: World) {
    this.world = world;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The next `times` requests get this answer instead of a real one. */
  inject(answer: Injected, times = 1): void {
    for (let i = 0; i < times; i++) this.#queue.push(answer);
  }

  /** Forgets injected answers that were not used. */
  clearInjections(): void {
    this.#queue.length = 0;
  }

  get graphqlRequests(): number {
    return this.requests.filter((r) => r.url.endsWith("/graphql")).length;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const seen: SeenRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}),
      ...(body !== "" ? { body } : {}),
    };
    this.requests.push(seen);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const injected = this.#queue.shift();
    if (injected?.reset === true) return void req.socket.destroy();
    const rate = {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(Math.max(0, this.remaining)),
      "x-ratelimit-reset": String(this.resetAt),
      "x-ratelimit-used": String(5000 - this.remaining),
    };
    if (injected !== undefined)
      return this.#send(res, injected.status ?? 500, injected.body ?? { message: "injected" }, {
        ...rate,
        ...injected.headers,
      });
    if (
      this.requiredToken !== undefined &&
      req.headers.authorization !== `token ${this.requiredToken}` &&
      req.headers.authorization !== `bearer ${this.requiredToken}`
    ) {
      return this.#send(
        res,
        401,
        { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" },
        rate,
      );
    }
    if (this.remaining <= 0)
      return this.#send(
        res,
        403,
        { message: "API rate limit exceeded", documentation_url: "https://docs.github.com/rest/rate-limit" },
        { ...rate, "x-ratelimit-remaining": "0" },
      );
    this.remaining--;
    const path = (req.url ?? "/").split("?")[0]!;
    if (req.method === "POST" && path.endsWith("/graphql")) {
      const { query } = JSON.parse(body) as { query: string };
      const answer = executeGraphql(this.world, query, "https://github.com", {
        remaining: this.remaining,
        resetAt: new Date(this.resetAt * 1000).toISOString(),
      });
      this.invalidQueries.push(...answer.invalid);
      return this.#send(
        res,
        200,
        {
          ...(answer.data !== undefined ? { data: answer.data } : {}),
          ...(answer.errors !== undefined ? { errors: answer.errors } : {}),
        },
        rate,
      );
    }
    const routed = restRoute(this.world, req.method ?? "GET", req.url ?? "/", body);
    if (routed.location !== undefined)
      return this.#send(res, routed.status, routed.body, { ...rate, location: `${this.url}${routed.location}` });
    const etag = `"${createHash("sha1").update(JSON.stringify(routed.body)).digest("hex")}"`;
    if (req.headers["if-none-match"] === etag) return this.#send(res, 304, undefined, { ...rate, etag });
    this.#send(res, routed.status, routed.body, { ...rate, etag, ...(routed.headers ?? {}) });
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }
}
