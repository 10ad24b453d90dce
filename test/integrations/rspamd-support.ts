/**
 * A real rspamd (Debian's package, never a stand-in) for one test suite: the packaged rules
 * from /etc/rspamd with a private config folder, a normal worker and a controller on free
 * 127.0.0.1 ports, and no Redis or network. When rspamd is missing the suite says SKIPPED
 * loudly, and with REQUIRE_RSPAMD=1 (CI) it fails instead.
 *
 * What the private config changes, and why:
 * - $LOCAL_CONFDIR is the temp folder, so the host's own local.d/override.d are never read;
 *   its local.d turns off every module that needs Redis or the network (DNS blocklists,
 *   fuzzy hashes, SPF/DKIM/DMARC lookups, map downloads), so scans are the same everywhere.
 * - DNS goes to 127.0.0.1:1, where nothing answers: a lookup that slips through fails at
 *   once instead of reaching the internet.
 * - The URL TLD list is the public suffix list's top-level names only: the full list takes
 *   Rspamd ~30 s to compile at start, the top-level names ~4 s.
 * - SECOND_LOOK_ENVELOPE, a test-only Lua rule (score 0), echoes the envelope Rspamd
 *   received, so a test can see that the client's request headers arrived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SYSTEM_CONFDIR = '/etc/rspamd';
const SYSTEM_TLD_LIST = '/usr/share/rspamd/effective_tld_names.dat';
/** Reserved names (RFC 2606) our fixtures use; not in the public suffix list. */
const RESERVED_TLDS = ['example', 'test', 'invalid', 'localhost'];
const READY_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 100;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Modules that need Redis or the network (Rspamd 3.4 names). Those needing Redis switch
 * themselves off without it, but say so at every start; listing them keeps the log clean.
 */
const DISABLED_MODULES = [
  // network: DNS lists, hash and reputation services, DNS-based checks, map downloads
  'rbl', 'surbl', 'emails', 'fuzzy_check', 'asn', 'spf', 'dkim', 'dmarc', 'arc', 'hfilter',
  'mx_check', 'multimap', 'phishing', 'whitelist', 'dcc', 'rspamd_update', 'p0f',
  'bimi', 'antivirus', 'external_services', 'aws_s3', 'clickhouse', 'elastic',
  'metadata_exporter', 'metric_exporter',
  // Redis
  'reputation', 'neural', 'ratelimit', 'greylist', 'replies', 'history_redis', 'url_redirector',
  // signing: nothing to sign with
  'dkim_signing', 'arc_signing',
];

/** Echoes the SMTP envelope Rspamd received as the options of one zero-score symbol. */
const ENVELOPE_RULE = `
rspamd_config:register_symbol({
  name = 'SECOND_LOOK_ENVELOPE',
  score = 0.0,
  description = 'Envelope as received (Second Look test rule)',
  callback = function(task)
    local opts = {}
    local ip = task:get_from_ip()
    if ip and ip:is_valid() then table.insert(opts, 'ip=' .. ip:to_string()) end
    local helo = task:get_helo()
    if helo then table.insert(opts, 'helo=' .. helo) end
    local hostname = task:get_hostname()
    if hostname then table.insert(opts, 'hostname=' .. hostname) end
    local qid = task:get_queue_id()
    if qid then table.insert(opts, 'qid=' .. qid) end
    local from = task:get_from('smtp')
    if from and from[1] then table.insert(opts, 'from=' .. from[1].addr) end
    for _, rcpt in ipairs(task:get_recipients('smtp') or {}) do table.insert(opts, 'rcpt=' .. rcpt.addr) end
    task:insert_result('SECOND_LOOK_ENVELOPE', 1.0, opts)
  end,
})
`;

export interface RspamdInstance {
  /** The controller (password protected): where the server's client would point. */
  readonly controllerUrl: string;
  /** The normal worker: scans too, no password. */
  readonly normalUrl: string;
  readonly password: string;
  readonly dir: string;
  readonly logFile: string;
  /** How long the start took until /ping answered, in ms. */
  readonly startMs: number;
  stop(): Promise<void>;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** RSPAMD_PATH when set (and then only it), else /usr/bin/rspamd, else `rspamd` on PATH. */
export function findRspamd(): string | undefined {
  const explicit = process.env['RSPAMD_PATH'];
  if (explicit !== undefined) return isExecutable(explicit) ? explicit : undefined;
  const onPath = (process.env['PATH'] ?? '').split(path.delimiter).filter((d) => d !== '').map((d) => path.join(d, 'rspamd'));
  return ['/usr/bin/rspamd', ...onPath].find(isExecutable);
}

export function rspamdAvailable(suite: string): boolean {
  const binary = findRspamd();
  const missing = binary === undefined
    ? `no rspamd binary (${process.env['RSPAMD_PATH'] ?? '/usr/bin/rspamd or on PATH'})`
    : fs.existsSync(path.join(SYSTEM_CONFDIR, 'common.conf')) ? undefined : `no packaged config at ${SYSTEM_CONFDIR}`;
  if (missing === undefined) return true;
  if (process.env['REQUIRE_RSPAMD'] === '1') {
    throw new Error(`REQUIRE_RSPAMD=1 but there is ${missing}: install it with apt-get install -y rspamd`);
  }
  process.stdout.write(`\n*** SKIPPED: ${suite} — rspamd: ${missing} (apt-get install -y rspamd) ***\n\n`);
  return false;
}

/** A port nothing listens on right now: bind port 0 on loopback, read it, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port from the OS'))));
    });
  });
}

function tldList(): string {
  // The top-level names of the packaged public suffix list (no dots, no wildcards or exceptions).
  const names = fs.existsSync(SYSTEM_TLD_LIST)
    ? fs.readFileSync(SYSTEM_TLD_LIST, 'utf8').split('\n').map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('//') && !l.includes('.') && !/^[*!]/.test(l))
    : ['com', 'org', 'net', 'dk', 'fr', 'de', 'uk', 'eu', 'io'];
  return [...names, ...RESERVED_TLDS].join('\n') + '\n';
}

function writeConfig(dir: string, ports: { normal: number; controller: number }, password: string): string {
  for (const sub of ['local.d', 'run', 'db', 'log', 'tmp']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  for (const module of DISABLED_MODULES) fs.writeFileSync(path.join(dir, 'local.d', `${module}.conf`), 'enabled = false;\n');
  fs.writeFileSync(path.join(dir, 'tld.dat'), tldList());
  fs.writeFileSync(path.join(dir, 'local.d', 'options.inc'), [
    `url_tld = "${dir}/tld.dat";`,
    `tempdir = "${dir}/tmp";`,
    'dns {',
    '  nameserver = ["127.0.0.1:1"];',
    '  timeout = 0.2s;',
    '  retransmits = 1;',
    '}',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'rspamd.local.lua'), ENVELOPE_RULE);
  const conf = path.join(dir, 'rspamd.conf');
  // The packaged rules and options, our own workers and logging; no proxy, no fuzzy storage.
  // The controller gets no secure_ip, so loopback needs the password as well.
  fs.writeFileSync(conf, [
    '.include "$CONFDIR/common.conf"',
    'options {',
    `  pidfile = "${dir}/run/rspamd.pid";`,
    '  .include "$CONFDIR/options.inc"',
    '  .include(try=true; priority=1,duplicate=merge) "$LOCAL_CONFDIR/local.d/options.inc"',
    '}',
    'logging {',
    '  type = "file";',
    `  filename = "${dir}/log/rspamd.log";`,
    '  .include "$CONFDIR/logging.inc"',
    '}',
    'worker "normal" {',
    `  bind_socket = "127.0.0.1:${ports.normal}";`,
    '  count = 1;',
    '  .include "$CONFDIR/worker-normal.inc"',
    '}',
    'worker "controller" {',
    `  bind_socket = "127.0.0.1:${ports.controller}";`,
    '  count = 1;',
    `  password = "${password}";`,
    '  static_dir = "${WWWDIR}";',
    '}',
    '',
  ].join('\n'));
  return conf;
}

async function answersPing(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1_000) });
    return response.ok && (await response.text()).trim() === 'pong';
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

function logTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts rspamd in the foreground and resolves once both workers answer /ping. */
export async function startRspamd(): Promise<RspamdInstance> {
  const binary = findRspamd();
  if (binary === undefined) throw new Error('rspamd is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'second-look-rspamd-'));
  const password = crypto.randomBytes(12).toString('hex');
  const ports = { normal: await freePort(), controller: await freePort() };
  const conf = writeConfig(dir, ports, password);
  const logFile = path.join(dir, 'log', 'rspamd.log');
  const args = [
    '-f', '-c', conf,
    '--var', `LOCAL_CONFDIR=${dir}`, '--var', `DBDIR=${dir}/db`, '--var', `RUNDIR=${dir}/run`, '--var', `LOGDIR=${dir}/log`,
    // As root rspamd wants -u/-g to drop to; the temp folder belongs to us, so stay who we are.
    ...(process.getuid?.() === 0 ? ['--insecure'] : []),
  ];
  const started = Date.now();
  // Own process group: if the main process dies hard, its workers can still be ended by group id.
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // Last resort if the test process ends without afterAll (a crash, a forced exit).
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) killGroup();
  };
  process.once('exit', killOnExit);

  const controllerUrl = `http://127.0.0.1:${ports.controller}`;
  const normalUrl = `http://127.0.0.1:${ports.normal}`;

  async function stop(): Promise<void> {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const done = exited(child);
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS);
      });
      if ((await Promise.race([done, late])) === 'late') {
        killGroup();
        await done;
      }
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const deadline = started + READY_TIMEOUT_MS;
  let attempts = 0;
  while (Date.now() < deadline) {
    attempts += 1;
    if (child.exitCode !== null || child.signalCode !== null) break;
    if ((await answersPing(controllerUrl)) && (await answersPing(normalUrl))) {
      return { controllerUrl, normalUrl, password, dir, logFile, startMs: Date.now() - started, stop };
    }
    // Polling an outside process for readiness: bounded by READY_TIMEOUT_MS.
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  const why = child.exitCode !== null || child.signalCode !== null
    ? `exited (${child.exitCode ?? child.signalCode})`
    : `did not answer /ping within ${READY_TIMEOUT_MS} ms (${attempts} attempts)`;
  const detail = `rspamd ${args.join(' ')} ${why}\n--- output ---\n${output}\n--- log ---\n${logTail(logFile)}`;
  await stop();
  throw new Error(detail);
}
