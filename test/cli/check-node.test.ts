/** The one sentence a newcomer on an unsupported Node.js reads instead of a stack trace. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { supported } = require('../../bin/check-node.js') as { supported(version: string): boolean };

describe('the Node.js version check', () => {
  test.each([
    ['v20.20.2', false],
    ['v22.11.0', false],
    ['v22.12.0', true],
    ['v23.0.0', true],
    ['v24.22.3', true],
    ['v26.1.0', true],
  ])('%s supported: %s', (version, expected) => {
    expect(supported(version)).toBe(expected);
  });

  test('on this Node it lets the command go on, silently', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, '../../bin/check-node.js')], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
