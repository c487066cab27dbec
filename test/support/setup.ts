// Tests never reach the network: any fetch to a non-loopback host fails loudly, the way fetch fails
// when a name does not resolve (so tests also see what a machine without network sees).
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    const cause = Object.assign(new Error(`test tried to reach ${url.host}: tests must stay on loopback`), {
      code: "ENOTFOUND",
    });
    throw new TypeError("fetch failed", { cause });
  }
  return realFetch(input, init);
}) as typeof fetch;
