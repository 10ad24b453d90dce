/**
 * The server as production runs it (src/server/main.ts in its own process) starts the
 * quarantine's SMTP listener with the API, says where in its banner, takes mail there, and
 * closes it on SIGTERM; a port that cannot be had stops the start with the reason.
 */
import fs from 'node:fs';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { startServerProcess } from '../../helpers/server-process';
import { plainMessage } from '../../helpers/quarantine';
import { tempDir } from '../../helpers/server';

test('main.ts listens for quarantined mail, takes it, and stops cleanly', async () => {
  const data = tempDir();
  const server = await startServerProcess({ SECOND_LOOK_DATA: data, SECOND_LOOK_ACCEPTED_DOMAINS: 'contoso.example' });
  try {
    const banner = /quarantine {5}SMTP intake on 127\.0\.0\.1:(\d+)/.exec(server.output());
    expect(banner).not.toBeNull();
    const port = Number(banner?.[1]);
    const sent = await nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true }).sendMail({ envelope: { from: 'b@supplier.example', to: ['anna@contoso.example'] }, raw: plainMessage() });
    expect(sent.response).toMatch(/^250 2\.0\.0 quarantined for 1 recipient$/);
    expect(await server.stop()).toBe(0);
    // Closed with the rest.
    await expect(new Promise((resolve, reject) => net.connect(port, '127.0.0.1').once('connect', resolve).once('error', reject))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  } finally {
    await server.kill();
    fs.rmSync(data, { recursive: true, force: true });
  }
});

test('a taken port stops the start, naming it', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  const { port } = blocker.address() as net.AddressInfo;
  const data = tempDir();
  try {
    await expect(startServerProcess({ SECOND_LOOK_DATA: data, SECOND_LOOK_SMTP_PORT: String(port) })).rejects.toThrow(new RegExp(`could not start: listen EADDRINUSE: address already in use 127\\.0\\.0\\.1:${port}`));
  } finally {
    blocker.close();
    fs.rmSync(data, { recursive: true, force: true });
  }
});
