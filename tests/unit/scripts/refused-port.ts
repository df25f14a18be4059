// A loopback port where nothing listens, guaranteed while the test holds it. Probing a free port
// (listen on 0, close, use the number) leaves a gap in which any process on the machine, another
// test file included, can start listening there. Here the port is the local end of a connection
// the test keeps open: Linux then refuses to let anyone listen on it (EADDRINUSE on 127.0.0.1,
// 0.0.0.0 and ::), and a connection to it is refused.

import type { AddressInfo, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export interface RefusedPort {
  port: number;
  release(): Promise<void>;
}

export async function holdRefusedPort(): Promise<RefusedPort> {
  const accepted: Socket[] = [];
  const server = createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
  return {
    port: client.localPort!,
    release: async () => {
      client.destroy();
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
