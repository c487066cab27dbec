// Tests never reach the network: any fetch to a non-loopback host fails loudly.
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
    throw new Error(`test tried to reach ${url.host}: tests must stay on loopback`);
  return realFetch(input, init);
}) as typeof fetch;
