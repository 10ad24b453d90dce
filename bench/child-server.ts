/**
 * The server a loopback bench measures, in a child process (bench/intake-server.ts), so the
 * load generator and the server do not share one event loop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildServer {
  child: ChildProcess;
  port: number;
  /** The app's data folder (its SQLite file and issuer key); absent for the bare handler. */
  dataDir?: string;
  /** The quarantine's SMTP listener, when `env` set SECOND_LOOK_SMTP_PORT. */
  smtpPort?: number;
}

/** `app`: the real triage server, configured by `env` on top of the bench defaults. */
export function startServer(mode: 'app' | 'bare', env: Record<string, string> = {}): Promise<ChildServer> {
  const child = fork(path.join(__dirname, 'intake-server.js'), [mode, JSON.stringify(env)], { stdio: 'inherit' });
  let dataDir: string | undefined;
  let smtpPort: number | undefined;
  return new Promise((resolve, reject) => {
    child.on('message', (message: { port?: number; dataDir?: string; smtpPort?: number }) => {
      if (message.dataDir) dataDir = message.dataDir;
      if (message.smtpPort) smtpPort = message.smtpPort;
      if (message.port) resolve({ child, port: message.port, ...(dataDir ? { dataDir } : {}), ...(smtpPort ? { smtpPort } : {}) });
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

/** Resolves once the app server has put every report it took in a cluster. */
export function clustered(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const answer = (message: { clustered?: boolean }) => {
      if (message.clustered !== true) return;
      child.off('message', answer);
      resolve();
    };
    child.on('message', answer);
    child.send('clustered?');
  });
}
