/**
 * Offline checks of manifest.xml. The official validator (`npm run validate`) needs the network,
 * so these catch what can be caught here: well-formedness, schema element order, resource ids,
 * icons, URLs, string limits, translations, and the wiring between the runtime, the ribbon and
 * the commands module.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { MANIFEST_DEV_ORIGIN } from '../../src/server/services/manifest-service';
import { collectResources, expectedKind, type Resource } from './manifest-resources';
import { attr, childrenNamed, findAll, onlyChild, onlyDescendant, parseXmlTree, pngSize, walk, type XmlNode } from './manifest-tree';

const REPO_ROOT = path.resolve(__dirname, '../..');
const xml = readFileSync(path.join(REPO_ROOT, 'manifest.xml'), 'utf8');
const root = parseXmlTree(xml);

/**
 * The function names src/addin/commands/ registers with Office.actions.associate. Keep this list
 * and that module in step: a FunctionName Outlook cannot find fails silently for the user.
 */
const REGISTERED_FUNCTION_NAMES = ['reportNotJunk', 'reportJunk', 'reportPhishing', 'addSafeSender', 'onSpamReport'] as const;

const TRANSLATED_LOCALES = ['da-DK', 'fr-FR'] as const;

/** Strings a translation may leave as in English: the product name, and the loan word Danish uses. */
const SAME_AS_ENGLISH: Readonly<Record<(typeof TRANSLATED_LOCALES)[number], readonly string[]>> = {
  'da-DK': ['Second Look', 'Phishing'],
  'fr-FR': ['Second Look'],
};

/*
 * Limits, from the official add-in only manifest reference:
 * - https://learn.microsoft.com/javascript/api/manifest/string: a <String> under <ShortStrings>
 *   is at most 125 characters, under <LongStrings> at most 250 (the same limits are the
 *   ShortString / LongString simple types, maxLength 125 / 250, of MS-OWEMXML section 5.1);
 * - https://learn.microsoft.com/javascript/api/manifest/displayname: at most 125 characters;
 * - https://learn.microsoft.com/javascript/api/manifest/description: at most 250 characters;
 * - https://learn.microsoft.com/javascript/api/manifest/icon: a resid is at most 32 characters,
 *   and a button needs 16, 32 and 80 px images;
 * - https://learn.microsoft.com/javascript/api/manifest/iconurl: 64 x 64 px for mail add-ins;
 * - https://learn.microsoft.com/javascript/api/manifest/highresolutioniconurl: 128 x 128 px for mail add-ins.
 */
const MAX_SHORT_STRING = 125;
const MAX_LONG_STRING = 250;
const MAX_DISPLAY_NAME = 125;
const MAX_DESCRIPTION = 250;
const MAX_RESID = 32;
const ICON_URL_SIZE = 64;
const HIGH_RESOLUTION_ICON_URL_SIZE = 128;

const versionOverrides11 = onlyChild(onlyChild(root, 'VersionOverrides'), 'VersionOverrides');
const resourcesNode = onlyChild(versionOverrides11, 'Resources');
const resources: readonly Resource[] = collectResources(resourcesNode);

function resource(id: string): Resource {
  const found = resources.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no resource with id ${id}`);
  return found;
}

function english(resid: string): string {
  return attr(resource(resid).node, 'DefaultValue');
}

function residReferences(): XmlNode[] {
  const found: XmlNode[] = [];
  walk(root, (node) => {
    if (node.attrs['resid'] !== undefined) found.push(node);
  });
  return found;
}

/** Children must appear in the order of the schema's xs:sequence, and only known children. */
function expectSchemaOrder(node: XmlNode, sequence: readonly string[]): void {
  const names = node.children.map((child) => child.name);
  const unknown = names.filter((name) => !sequence.includes(name));
  expect({ element: node.name, unknown }).toEqual({ element: node.name, unknown: [] });
  const positions = names.map((name) => sequence.indexOf(name));
  const sorted = [...positions].sort((a, b) => a - b);
  expect({ element: node.name, order: names }).toEqual({ element: node.name, order: sorted.map((i) => sequence[i]) });
}

function locales(node: XmlNode, overrideName: string): Map<string, string> {
  const overrides = childrenNamed(node, overrideName);
  const byLocale = new Map(overrides.map((override) => [attr(override, 'Locale'), attr(override, 'Value')]));
  expect(byLocale.size).toBe(overrides.length); // no locale twice
  return byLocale;
}

function length(text: string): number {
  return [...text].length;
}

function executeFunctionNames(): string[] {
  return findAll(root, 'Action')
    .filter((action) => attr(action, 'xsi:type') === 'ExecuteFunction')
    .map((action) => onlyChild(action, 'FunctionName').text);
}

describe('manifest.xml (offline checks)', () => {
  test('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  test('is a MailApp with a fixed identity and the least permission that works', () => {
    expect(root.name).toBe('OfficeApp');
    expect(attr(root, 'xsi:type')).toBe('MailApp');
    expect(onlyChild(root, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(onlyChild(root, 'ProviderName').text).toBe('Second Look');
    expect(onlyChild(root, 'DefaultLocale').text).toBe('en-US');
    expect(attr(onlyChild(root, 'DisplayName'), 'DefaultValue')).toBe('Second Look');
    // getAsFileAsync, getAllInternetHeadersAsync and the spam event's moveItemTo need "read item".
    expect(onlyChild(root, 'Permissions').text).toBe('ReadItem');
  });

  test('declares the minimum requirement sets honestly and never hides the ribbon behind 1.14', () => {
    const baseSet = onlyDescendant(onlyChild(root, 'Requirements'), 'Set');
    expect([attr(baseSet, 'Name'), attr(baseSet, 'MinVersion')]).toEqual(['Mailbox', '1.3']);

    const sets = onlyDescendant(onlyChild(versionOverrides11, 'Requirements'), 'bt:Sets');
    const mailbox = onlyChild(sets, 'bt:Set');
    expect(attr(mailbox, 'Name')).toBe('Mailbox');
    expect(mailbox.attrs['MinVersion'] ?? attr(sets, 'DefaultMinVersion')).toBe('1.3');
  });

  test('keeps the element order of the schema (MS-OWEMXML xs:sequence)', () => {
    expectSchemaOrder(root, [
      'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'FormSettings', 'Permissions',
      'Rule', 'DisableEntityHighlighting', 'VersionOverrides',
    ]);
    expectSchemaOrder(onlyChild(root, 'VersionOverrides'), ['Description', 'Requirements', 'Hosts', 'Resources', 'VersionOverrides']);
    expectSchemaOrder(versionOverrides11, ['Description', 'Requirements', 'Hosts', 'Resources', 'WebApplicationInfo', 'EquivalentAddins']);
    expectSchemaOrder(onlyDescendant(versionOverrides11, 'Host'), ['Runtimes', 'DesktopFormFactor', 'MobileFormFactor']);
    expectSchemaOrder(onlyDescendant(root, 'DesktopFormFactor'), ['FunctionFile', 'ExtensionPoint', 'SupportsSharedFolders']);
    expectSchemaOrder(resourcesNode, ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']);
    for (const group of findAll(root, 'Group')) expectSchemaOrder(group, ['Label', 'Control']);
    for (const control of findAll(root, 'Control')) expectSchemaOrder(control, ['Label', 'Supertip', 'Icon', 'Action']);
    for (const supertip of findAll(root, 'Supertip')) expectSchemaOrder(supertip, ['Title', 'Description']);
    expectSchemaOrder(onlyDescendant(root, 'ReportPhishingCustomization'), ['Control', 'PreProcessingDialog', 'SourceLocation']);
    expectSchemaOrder(onlyDescendant(root, 'PreProcessingDialog'), [
      'Title', 'Description', 'NeverShowAgainOption', 'ReportingOptions', 'FreeTextLabel', 'MoreInfo',
    ]);
    expectSchemaOrder(onlyDescendant(root, 'ReportingOptions'), ['Title', 'Option']);
    expectSchemaOrder(onlyDescendant(root, 'MoreInfo'), ['MoreInfoText', 'MoreInfoUrl']);
  });

  describe('resources', () => {
    test('ids are unique, and every id and resid is at most 32 characters', () => {
      const ids = resources.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      const tooLong = [...ids, ...residReferences().map((node) => attr(node, 'resid'))].filter((id) => length(id) > MAX_RESID);
      expect(tooLong).toEqual([]);
    });

    test('every resid resolves to a defined resource of the right kind', () => {
      const problems = residReferences().flatMap((node) => {
        const resid = attr(node, 'resid');
        const found = resources.find((r) => r.id === resid);
        const wanted = expectedKind(node);
        if (found === undefined) return [`<${node.name} resid="${resid}"> resolves to nothing`];
        if (found.kind !== wanted) return [`<${node.name} resid="${resid}"> is a ${found.kind}, expected ${wanted}`];
        return [];
      });
      expect(problems).toEqual([]);
    });

    test('every resource is used', () => {
      const used = new Set(residReferences().map((node) => attr(node, 'resid')));
      expect(resources.map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
    });
  });

  test('icon files exist at the pixel sizes the manifest claims', () => {
    const claims: Array<{ url: string; size: number }> = [
      { url: attr(onlyChild(root, 'IconUrl'), 'DefaultValue'), size: ICON_URL_SIZE },
      { url: attr(onlyChild(root, 'HighResolutionIconUrl'), 'DefaultValue'), size: HIGH_RESOLUTION_ICON_URL_SIZE },
    ];
    for (const icon of findAll(root, 'Icon')) {
      const images = childrenNamed(icon, 'bt:Image');
      // Buttons need the 16, 32 and 80 px sizes.
      expect(images.map((image) => attr(image, 'size'))).toEqual(expect.arrayContaining(['16', '32', '80']));
      for (const image of images) {
        claims.push({ url: attr(resource(attr(image, 'resid')).node, 'DefaultValue'), size: Number(attr(image, 'size')) });
      }
    }
    const found = claims.map(({ url, size }) => {
      const { pathname } = new URL(url);
      const file = path.join(REPO_ROOT, pathname); // /assets/x.png is served from assets/x.png
      return { url, claimed: `${size}x${size}`, actual: existsSync(file) ? `${pngSize(file).width}x${pngSize(file).height}` : 'missing' };
    });
    expect(found.filter((icon) => icon.actual !== icon.claimed)).toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(2 + 3 * 6);
  });

  test('every URL is HTTPS on the development origin that renderManifest rewrites', () => {
    const urls: string[] = [];
    walk(root, (node) => {
      for (const [name, value] of Object.entries(node.attrs)) {
        // Namespace names are identifiers, not fetched, and are http:// by definition.
        if (name !== 'xmlns' && !name.startsWith('xmlns:') && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) urls.push(value);
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(node.text)) urls.push(node.text);
    });
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((url) => !url.startsWith(`${MANIFEST_DEV_ORIGIN}/`))).toEqual([]);
    expect(MANIFEST_DEV_ORIGIN.startsWith('https://')).toBe(true);
  });

  test('strings meet the length limits, in every locale', () => {
    const limited: Array<{ node: XmlNode; overrideName: string; max: number }> = [
      { node: onlyChild(root, 'DisplayName'), overrideName: 'Override', max: MAX_DISPLAY_NAME },
      { node: onlyChild(root, 'Description'), overrideName: 'Override', max: MAX_DESCRIPTION },
      ...resources
        .filter((r) => r.kind === 'ShortString' || r.kind === 'LongString')
        .map((r) => ({ node: r.node, overrideName: 'bt:Override', max: r.kind === 'ShortString' ? MAX_SHORT_STRING : MAX_LONG_STRING })),
    ];
    const problems = limited.flatMap(({ node, overrideName, max }) => {
      const texts = [attr(node, 'DefaultValue'), ...locales(node, overrideName).values()];
      return texts.filter((text) => length(text) === 0 || length(text) > max).map((text) => `${node.name}: ${length(text)} > ${max}: ${text}`);
    });
    expect(problems).toEqual([]);
  });

  test('every en-US string has complete da-DK and fr-FR overrides', () => {
    const localised: Array<{ label: string; node: XmlNode; overrideName: string }> = [
      { label: 'DisplayName', node: onlyChild(root, 'DisplayName'), overrideName: 'Override' },
      { label: 'Description', node: onlyChild(root, 'Description'), overrideName: 'Override' },
      ...resources
        .filter((r) => r.kind === 'ShortString' || r.kind === 'LongString')
        .map((r) => ({ label: r.id, node: r.node, overrideName: 'bt:Override' })),
    ];
    expect(localised.length).toBeGreaterThan(15);
    for (const { label, node, overrideName } of localised) {
      const byLocale = locales(node, overrideName);
      expect({ label, locales: [...byLocale.keys()].sort() }).toEqual({ label, locales: [...TRANSLATED_LOCALES] });
      const englishText = attr(node, 'DefaultValue');
      for (const locale of TRANSLATED_LOCALES) {
        const translated = byLocale.get(locale) ?? '';
        // An override equal to the English text is usually a copy-paste, not a translation.
        const untranslated = translated === englishText && !SAME_AS_ENGLISH[locale].includes(englishText);
        expect({ label, locale, untranslated }).toEqual({ label, locale, untranslated: false });
      }
    }
  });

  test('the runtime, the spam-reporting SourceLocation and the FunctionFile share one resid', () => {
    const runtime = onlyDescendant(root, 'Runtime');
    const runtimeResid = attr(runtime, 'resid');
    expect(attr(onlyChild(onlyDescendant(root, 'ReportPhishingCustomization'), 'SourceLocation'), 'resid')).toBe(runtimeResid);
    expect(attr(onlyDescendant(root, 'FunctionFile'), 'resid')).toBe(runtimeResid);
    expect(english(runtimeResid)).toBe(`${MANIFEST_DEV_ORIGIN}/addin/commands.html`);

    // Classic Outlook on Windows runs the handlers in a JavaScript-only runtime from this file.
    const jsOverride = onlyChild(runtime, 'Override');
    expect(attr(jsOverride, 'type')).toBe('javascript');
    expect(english(attr(jsOverride, 'resid'))).toBe(`${MANIFEST_DEV_ORIGIN}/addin/commands.js`);
  });

  test('every ExecuteFunction names a function the commands module registers, and each is wired', () => {
    const names = executeFunctionNames();
    expect(names.filter((name) => !(REGISTERED_FUNCTION_NAMES as readonly string[]).includes(name))).toEqual([]);
    expect([...names].sort()).toEqual([...REGISTERED_FUNCTION_NAMES].sort());
  });

  test('the ribbon offers Not junk, Junk, Phishing, Safe sender, the task pane and My quarantine, each with a supertip', () => {
    const surface = findAll(root, 'ExtensionPoint').filter((point) => attr(point, 'xsi:type') === 'MessageReadCommandSurface');
    expect(surface).toHaveLength(1);
    const [readSurface] = surface;
    if (readSurface === undefined) throw new Error('unreachable');
    expect(attr(onlyChild(readSurface, 'OfficeTab'), 'id')).toBe('TabDefault');
    const group = onlyDescendant(readSurface, 'Group');
    expect(english(attr(onlyChild(group, 'Label'), 'resid'))).toBe('Second Look');

    const controls = childrenNamed(group, 'Control');
    const summary = controls.map((control) => {
      const action = onlyChild(control, 'Action');
      const supertip = onlyChild(control, 'Supertip');
      return {
        label: english(attr(onlyChild(control, 'Label'), 'resid')),
        action: attr(action, 'xsi:type') === 'ExecuteFunction' ? onlyChild(action, 'FunctionName').text : english(attr(onlyChild(action, 'SourceLocation'), 'resid')),
        supertip: english(attr(onlyChild(supertip, 'Title'), 'resid')).length > 0 && english(attr(onlyChild(supertip, 'Description'), 'resid')).length > 0,
      };
    });
    expect(summary).toEqual([
      { label: 'Not junk', action: 'reportNotJunk', supertip: true },
      { label: 'Junk', action: 'reportJunk', supertip: true },
      { label: 'Phishing', action: 'reportPhishing', supertip: true },
      { label: 'Safe sender', action: 'addSafeSender', supertip: true },
      { label: 'Open Second Look', action: `${MANIFEST_DEV_ORIGIN}/addin/taskpane.html`, supertip: true },
      { label: 'My quarantine', action: `${MANIFEST_DEV_ORIGIN}/addin/taskpane.html?view=quarantine`, supertip: true },
    ]);

    const controlIds = findAll(root, 'Control').map((control) => attr(control, 'id'));
    expect(new Set(controlIds).size).toBe(controlIds.length);
  });

  test('the task pane can be pinned, so it follows the selected message (ShowTaskpane, MS-OWEMXML 1.1)', () => {
    const showTaskpane = findAll(root, 'Action').filter((action) => attr(action, 'xsi:type') === 'ShowTaskpane');
    // The report pane is pinnable; My quarantine is a list of its own, not about the selected message.
    expect(showTaskpane).toHaveLength(2);
    const [action, quarantineAction] = showTaskpane;
    expect(quarantineAction && childrenNamed(quarantineAction, 'SupportsPinning')).toEqual([]);
    if (action === undefined) throw new Error('unreachable');
    // Inside VersionOverrides 1.1: the element exists only in that schema (Mailbox 1.5).
    expect(findAll(versionOverrides11, 'Action')).toContain(action);
    expectSchemaOrder(action, ['SourceLocation', 'SupportsPinning', 'SupportsNoItemContext', 'SupportsMultiSelect']);
    expect(onlyChild(action, 'SupportsPinning').text.trim()).toBe('true');
  });

  test('the spam-reporting dialog lists Not junk, Junk, Phishing in that order, with a comment box and a help link', () => {
    const dialog = onlyDescendant(root, 'PreProcessingDialog');
    expect(english(attr(onlyChild(dialog, 'Title'), 'resid')).length).toBeGreaterThan(0);
    expect(english(attr(onlyChild(dialog, 'Description'), 'resid')).length).toBeGreaterThan(0);

    // onSpamReport reads event.options by index: this order is its contract.
    const options = childrenNamed(onlyChild(dialog, 'ReportingOptions'), 'Option').map((option) => english(attr(option, 'resid')));
    expect(options).toEqual(['Not junk', 'Junk', 'Phishing']);

    expect(english(attr(onlyChild(dialog, 'FreeTextLabel'), 'resid')).length).toBeGreaterThan(0);
    const moreInfo = onlyChild(dialog, 'MoreInfo');
    expect(english(attr(onlyChild(moreInfo, 'MoreInfoText'), 'resid')).length).toBeGreaterThan(0);
    expect(english(attr(onlyChild(moreInfo, 'MoreInfoUrl'), 'resid'))).toBe(`${MANIFEST_DEV_ORIGIN}/addin/help.html`);

    const button = onlyChild(onlyDescendant(root, 'ReportPhishingCustomization'), 'Control');
    expect(attr(button, 'xsi:type')).toBe('Button');
    expect(onlyChild(onlyChild(button, 'Action'), 'FunctionName').text).toBe('onSpamReport');
  });
});
