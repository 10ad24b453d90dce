/**
 * The relay a delivery bench sends to, in a child process of its own (as a real relay would
 * be), so its SMTP parsing does not share the measured server's event loop. It accepts every
 * message, and tells the parent its port, then each second (and when asked) how many messages
 * it has taken and when the last one ended (ms since its start, by performance.now()).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let delivered = 0;
let lastAtMs = 0;
const sink = new SMTPServer({
  logger: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  // A relay on loopback: the name lookup of the client says nothing and costs a resolver call per session.
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      delivered++;
      lastAtMs = Date.now();
      callback();
    });
  },
});

const report = () => process.send?.({ delivered, lastAtMs });
sink.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (sink.server.address() as AddressInfo).port });
});
process.on('message', (message) => {
  if (message === 'count') report();
  if (message === 'stop') sink.close(() => process.exit(0));
});
