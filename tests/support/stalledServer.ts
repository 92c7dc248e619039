import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A TCP server on 127.0.0.1 that accepts connections and never says a word: an SMTP server stalled before
 * its greeting. `connections` counts who got through, so a test can tell that a send was under way.
 */
export async function startStalledServer() {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An smtp:// URL nothing listens on: connections are refused. */
export async function refusingSmtpUrl(): Promise<string> {
  const stalled = await startStalledServer();
  await stalled.close();
  return stalled.url;
}
