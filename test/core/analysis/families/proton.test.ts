/** Proton Mail: X-Pm-Spamscore and X-Pm-Spam-Action. */
import { PROTON } from '../../../../src/core/analysis/families/proton/decoder';
import { decodeWith, expectRobust } from './helpers';

describe('proton', () => {
  test('score 0 and no action (Proton to Proton): not flagged', () => {
    const { verdict, log } = decodeWith(PROTON, 'X-Pm-Content-Encryption: end-to-end\nX-Pm-Origin: internal\nX-Pm-Spamscore: 0\n');
    expect(log.items).toEqual([]);
    expect(verdict).toEqual({
      family: 'proton', filter: 'Proton Mail', evidence: { header: 'X-Pm-Spamscore', value: '0' }, flagged: false, score: 0, tests: [],
    });
  });

  test.each([
    ['dunno', { flagged: false }],
    ['inbox', { flagged: false, action: 'deliver' }],
    ['spam', { flagged: true, action: 'junk' }],
    ['phishing', { flagged: true, action: 'junk', threat: 'phishing' }],
    ['reject', { flagged: true, action: 'reject' }],
    ['quarantine', { flagged: true, action: 'quarantine' }],
    ['add header', { flagged: true, action: 'tag' }],
    ['greylist', { action: 'defer' }],
  ])('X-Pm-Spam-Action: %s', (action, expected) => {
    const { verdict, log } = decodeWith(PROTON, `X-Pm-Spamscore: 4\nX-Pm-Spam-Action: ${action}\n`);
    expect(log.items).toEqual([]);
    expect(verdict).toMatchObject({ evidence: { header: 'X-Pm-Spam-Action', value: action }, score: 4, ...expected });
    if (!('flagged' in expected)) expect(verdict?.flagged).toBeUndefined();
  });

  test('an action Proton has not documented still means it acted; it is noted', () => {
    const { verdict, log } = decodeWith(PROTON, 'X-Pm-Spam-Action: Move_To_Folder\n');
    expect(verdict).toMatchObject({ flagged: true, evidence: { value: 'Move_To_Folder' } });
    expect(log.items).toEqual([{ header: 'X-Pm-Spam-Action', problem: 'unknownValue', detail: 'Move_To_Folder' }]);
  });

  test('a positive score without an action is no verdict either way', () => {
    const { verdict } = decodeWith(PROTON, 'X-Pm-Spamscore: 7\n');
    expect(verdict).toMatchObject({ score: 7 });
    expect(verdict?.flagged).toBeUndefined();
  });

  test('an unreadable score is recorded', () => {
    const { facts, log } = decodeWith(PROTON, 'X-Pm-Spamscore: high\n');
    expect(facts).toBeUndefined();
    expect(log.items[0]?.problem).toBe('unreadableValue');
  });

  test('hostile input: no throw, linear time', () => {
    expect(expectRobust(PROTON)).toBeLessThan(1000 * PROTON.headers.length);
  });
});
