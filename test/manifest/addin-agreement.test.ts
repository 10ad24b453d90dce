/**
 * The manifest and the add-in's code name the same things: every ExecuteFunction the ribbon
 * or the Report button calls is a handler the commands module registers, and the icon resid
 * that item notices name is an image the manifest defines. A rename on one side fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCommandHandlers } from '../../src/addin/commands/handlers';
import type { OfficeMailbox } from '../../src/addin/office';
import { NOTICE_ICON_RESID } from '../../src/addin/office/notifications';
import { collectResources } from './manifest-resources';
import { findAll, parseXmlTree } from './manifest-tree';

const tree = parseXmlTree(readFileSync(path.join(__dirname, '../../manifest.xml'), 'utf8'));

test('every FunctionName in the manifest is a registered command handler, and every handler is used', () => {
  const inManifest = new Set(findAll(tree, 'FunctionName').map((node) => node.text.trim()));
  const handlers = createCommandHandlers({
    mailbox: {} as OfficeMailbox,
    services: () => {
      throw new Error('not used: the handlers are only listed');
    },
  });
  expect([...inManifest].sort()).toEqual(Object.keys(handlers).sort());
});

test('the icon that item notices name is an image resource of the manifest', () => {
  const resources = findAll(tree, 'Resources');
  expect(resources).toHaveLength(1);
  const images = resources.flatMap((node) => collectResources(node)).filter((r) => r.kind === 'Image').map((r) => r.id);
  expect(images).toContain(NOTICE_ICON_RESID);
});
