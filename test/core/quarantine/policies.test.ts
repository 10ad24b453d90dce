/**
 * Quarantine policies: the permission bits exactly as Exchange Online numbers them, the preset
 * groups and built-in policies, every bit allowed and refused (a matrix), and the hard rule as
 * a property: for malware and high-confidence phishing no policy lets an end user release.
 */
import fc from 'fast-check';
import { QUARANTINE_ACTIONS, type QuarantineAction } from '../../../src/contracts/quarantine';
import {
  ACTIONS_BY_BIT,
  ALL_PERMISSION_BITS,
  BUILT_IN_POLICIES,
  DEFAULT_REASON_POLICIES,
  DEFAULT_RETENTION_DAYS,
  HARD_RULE_REASONS,
  PERMISSION_BITS,
  PERMISSION_GROUPS,
  QUARANTINE_REASONS,
  allowedActions,
  builtInPolicy,
  expiresAt,
  mayTake,
  permissionActions,
  permissionProblems,
  permissionsOf,
  visibleToRecipient,
  type QuarantinePolicy,
  type QuarantineReason,
} from '../../../src/core/quarantine';

const policy = (permissions: number, notificationEnabled = false): QuarantinePolicy => ({ name: 'Custom', permissions, notificationEnabled });
const SOFT_REASONS = QUARANTINE_REASONS.filter((r) => !HARD_RULE_REASONS.has(r));

describe('permission bits', () => {
  test('are Exchange Online\'s EndUserQuarantinePermissionsValue bits', () => {
    expect(PERMISSION_BITS).toEqual({ delete: 1, preview: 2, release: 4, requestRelease: 8, blockSender: 16, allowSender: 32, viewHeaders: 128 });
    expect(ACTIONS_BY_BIT).toEqual(['delete', 'preview', 'release', 'requestRelease', 'blockSender', 'allowSender', 'viewHeaders']);
    expect([...ACTIONS_BY_BIT].sort()).toEqual([...QUARANTINE_ACTIONS].sort());
    expect(ALL_PERMISSION_BITS).toBe(1 + 2 + 4 + 8 + 16 + 32 + 128);
  });

  test('a value and its actions convert both ways', () => {
    fc.assert(
      fc.property(fc.subarray([...QUARANTINE_ACTIONS]), (actions) => {
        const value = permissionsOf(actions);
        expect(permissionActions(value).sort()).toEqual([...actions].sort());
      }),
    );
  });

  test('the preset groups: No access 128, Limited access 171 (43 without View headers), Full access 167', () => {
    expect(PERMISSION_GROUPS.noAccess).toBe(128);
    expect(PERMISSION_GROUPS.limitedAccess).toBe(128 + 43);
    expect(permissionActions(PERMISSION_GROUPS.limitedAccess)).toEqual(['delete', 'preview', 'requestRelease', 'allowSender', 'viewHeaders']);
    expect(PERMISSION_GROUPS.fullAccess).toBe(128 + 32 + 4 + 2 + 1);
    expect(permissionActions(PERMISSION_GROUPS.fullAccess)).toEqual(['delete', 'preview', 'release', 'allowSender', 'viewHeaders']);
  });

  test('a policy of its own may not both release and request release, nor set unknown bits', () => {
    expect(permissionProblems(PERMISSION_GROUPS.fullAccess)).toEqual([]);
    expect(permissionProblems(4 | 8)).toEqual([expect.stringContaining('exclude each other')]);
    expect(permissionProblems(64)).toEqual([expect.stringContaining('bits 64 are no permission')]);
    expect(permissionProblems(-1)).toHaveLength(1);
  });
});

describe('the built-in policies', () => {
  test('are Exchange Online\'s four default policies', () => {
    expect(BUILT_IN_POLICIES).toEqual({
      AdminOnlyAccessPolicy: { name: 'AdminOnlyAccessPolicy', permissions: PERMISSION_GROUPS.noAccess, notificationEnabled: false },
      DefaultFullAccessPolicy: { name: 'DefaultFullAccessPolicy', permissions: PERMISSION_GROUPS.fullAccess, notificationEnabled: false },
      DefaultFullAccessWithNotificationPolicy: { name: 'DefaultFullAccessWithNotificationPolicy', permissions: PERMISSION_GROUPS.fullAccess, notificationEnabled: true },
      NotificationEnabledPolicy: { name: 'NotificationEnabledPolicy', permissions: PERMISSION_GROUPS.fullAccess, notificationEnabled: true },
    });
    expect(builtInPolicy('DefaultFullAccessPolicy')).toBe(BUILT_IN_POLICIES.DefaultFullAccessPolicy);
    expect(builtInPolicy('toString')).toBeUndefined();
  });

  test('map each reason as Exchange Online\'s defaults do', () => {
    expect(DEFAULT_REASON_POLICIES).toEqual({
      spam: 'DefaultFullAccessPolicy',
      highConfidenceSpam: 'DefaultFullAccessPolicy',
      bulk: 'DefaultFullAccessPolicy',
      phishing: 'DefaultFullAccessPolicy',
      highConfidencePhishing: 'AdminOnlyAccessPolicy',
      malware: 'AdminOnlyAccessPolicy',
      organisationRule: 'AdminOnlyAccessPolicy',
    });
  });

  test('AdminOnlyAccessPolicy hides the message from its recipient; with notifications a No access policy shows headers only', () => {
    for (const reason of QUARANTINE_REASONS) expect(allowedActions(reason, BUILT_IN_POLICIES.AdminOnlyAccessPolicy)).toEqual([]);
    expect(visibleToRecipient(BUILT_IN_POLICIES.AdminOnlyAccessPolicy)).toBe(false);
    expect(allowedActions('spam', policy(PERMISSION_GROUPS.noAccess, true))).toEqual(['viewHeaders']);
  });

  test('full access on spam: release, delete, preview, headers, allow sender; on malware release becomes a request', () => {
    const full = BUILT_IN_POLICIES.DefaultFullAccessWithNotificationPolicy;
    expect(allowedActions('spam', full)).toEqual(['delete', 'preview', 'release', 'allowSender', 'viewHeaders']);
    expect(allowedActions('malware', full)).toEqual(['delete', 'preview', 'requestRelease', 'allowSender', 'viewHeaders']);
    expect(allowedActions('highConfidencePhishing', full)).toEqual(['delete', 'preview', 'requestRelease', 'allowSender', 'viewHeaders']);
    expect(allowedActions('phishing', policy(PERMISSION_GROUPS.limitedAccess))).toEqual(['delete', 'preview', 'requestRelease', 'allowSender', 'viewHeaders']);
  });
});

describe('every permission bit, allowed and refused', () => {
  // One visible policy per bit with only that bit (plus notifications, so a lone View headers
  // is visible), and one with every other bit but it. Release and request release exclude each
  // other, so "every other bit" holds only one of them: release, or the partner of the one tested.
  const partner: Partial<Record<QuarantineAction, QuarantineAction>> = { release: 'requestRelease', requestRelease: 'release' };
  const cases = QUARANTINE_ACTIONS.flatMap((action) => SOFT_REASONS.map((reason) => [action, reason] as const));

  test.each(cases)('%s on %s', (action, reason) => {
    const only = policy(PERMISSION_BITS[action], true);
    expect(mayTake(action, reason, only)).toBe(true);
    expect(allowedActions(reason, only)).toEqual([action]);
    const others = QUARANTINE_ACTIONS.filter((a) => a !== action && a !== (partner[action] ?? 'requestRelease'));
    const without = policy(permissionsOf(others), true);
    expect(mayTake(action, reason, without)).toBe(false);
    for (const other of others) expect(mayTake(other, reason, without)).toBe(true);
  });

  test.each(QUARANTINE_ACTIONS.flatMap((action) => [...HARD_RULE_REASONS].map((reason) => [action, reason] as const)))('%s on %s (hard rule)', (action, reason) => {
    const only = policy(PERMISSION_BITS[action], true);
    // Release alone on malware or high-confidence phishing is honoured as a request only.
    const expected: QuarantineAction = action === 'release' ? 'requestRelease' : action;
    expect(allowedActions(reason, only)).toEqual([expected]);
    expect(mayTake('release', reason, only)).toBe(false);
  });

  test('no permission at all: nothing, with or without notifications', () => {
    for (const reason of QUARANTINE_REASONS) {
      expect(allowedActions(reason, policy(0))).toEqual([]);
      expect(allowedActions(reason, policy(0, true))).toEqual([]);
    }
  });
});

describe('the hard rule', () => {
  const anyPolicy = fc.record({ name: fc.constant('P'), permissions: fc.integer({ min: 0, max: 255 }), notificationEnabled: fc.boolean() });
  const hardReason = fc.constantFrom<QuarantineReason>(...HARD_RULE_REASONS);

  test('for malware and high-confidence phishing, no policy lets an end user release; at most request release', () => {
    fc.assert(
      fc.property(anyPolicy, hardReason, (p, reason) => {
        const actions = allowedActions(reason, p);
        expect(actions).not.toContain('release');
        expect(mayTake('release', reason, p)).toBe(false);
        // What the policy would have allowed as a release is still a request.
        const wouldRelease = visibleToRecipient(p) && (p.permissions & (PERMISSION_BITS.release | PERMISSION_BITS.requestRelease)) !== 0;
        expect(actions.includes('requestRelease')).toBe(wouldRelease);
      }),
      { numRuns: 2000 },
    );
  });

  test('for every other reason the policy decides alone', () => {
    fc.assert(
      fc.property(anyPolicy, fc.constantFrom(...SOFT_REASONS), (p, reason) => {
        const visible = visibleToRecipient(p);
        expect(mayTake('release', reason, p)).toBe(visible && (p.permissions & PERMISSION_BITS.release) !== 0);
        // Release and request release are never offered together.
        const actions = allowedActions(reason, p);
        expect(actions.includes('release') && actions.includes('requestRelease')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('retention', () => {
  test('30 days by default; each reason its own, held to 1–30', () => {
    const received = new Date('2026-11-22T12:00:00.000Z');
    expect(DEFAULT_RETENTION_DAYS).toBe(30);
    expect(expiresAt(received, 'spam').toISOString()).toBe('2026-12-22T12:00:00.000Z');
    const retention = { spam: 15, highConfidenceSpam: 30, bulk: 7, phishing: 30, highConfidencePhishing: 30, malware: 30, organisationRule: 0 };
    expect(expiresAt(received, 'spam', retention).toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(expiresAt(received, 'bulk', retention).toISOString()).toBe('2026-11-29T12:00:00.000Z');
    expect(expiresAt(received, 'organisationRule', retention).toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });
});
