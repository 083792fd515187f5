// The first fetch of a process loads undici (Node's fetch) and compiles its HTTP parser, a
// WebAssembly module: 50–90 ms of the event loop at once. The Web API client calls fetch, and its
// first call (auth.test, asked lazily by the first request Bolt authorizes) paid that inside the
// first acknowledgement. One request to a loopback server of our own at start-up pays it instead,
// before the bot listens.
import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";

/** Makes one fetch to a throwaway server on 127.0.0.1; never throws (a warm-up, nothing more). */
export async function warmFetch(): Promise<void> {
  const server = http.createServer((_req, res) => res.end());
  try {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await res.arrayBuffer();
  } catch {
    // Nothing depends on it: the first real call pays the cost instead.
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
