import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import type { AddressInfo } from "node:net";

/** How a hostile stand-in for GitHub misbehaves. */
export type Misbehaviour = "hang" | "reset" | "5xx" | "echo" | "echo-200" | "garbage" | "401" | "403";

/**
 * Servers on 127.0.0.1 that fail the way real networks and proxies do: never answer, drop the
 * connection, answer 5xx, echo the request (Authorization header included) in the body, or send
 * a body that is not what GitHub sends. Never the real network.
 */
export class HostileServer {
  requests = 0;
  url = "";
  readonly #server: Server;

  constructor(mode: Misbehaviour) {
    this.#server = createServer((req, res) => this.#answer(mode, req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    const address = this.#server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(mode: Misbehaviour, req: IncomingMessage, res: ServerResponse): void {
    this.requests++;
    const echo = JSON.stringify({ message: `you sent ${JSON.stringify(req.headers)}`, headers: req.headers });
    const json = { "content-type": "application/json; charset=utf-8" };
    switch (mode) {
      case "hang":
        return; // never answers
      case "reset":
        req.socket.destroy();
        return;
      case "5xx":
        res.writeHead(502, json).end(JSON.stringify({ message: "Bad gateway" }));
        return;
      case "echo":
        res.writeHead(500, json).end(echo);
        return;
      case "echo-200":
        res.writeHead(200, json).end(echo);
        return;
      case "garbage":
        res.writeHead(200, json).end("<html>captive portal</html>");
        return;
      case "401":
      case "403":
        res.writeHead(Number(mode), json).end(echo);
        return;
    }
  }
}

/** A URL on 127.0.0.1 where nothing listens (connections are refused). */
export async function refusingUrl(): Promise<string> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
