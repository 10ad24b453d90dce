/**
 * Small helpers for the offline manifest checks: the manifest as a plain element tree
 * (fast-xml-parser does the parsing), and the pixel size of a PNG read from its IHDR chunk.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  readonly text: string;
}

type RawNode = Record<string, unknown>;

const ATTRS_KEY = ':@';

/** Parses `xml` and returns its root element. Comments and the XML declaration are dropped. */
export function parseXmlTree(xml: string): XmlNode {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });
  const roots = toNodes(parser.parse(xml));
  const [root, ...rest] = roots;
  if (root === undefined || rest.length > 0) throw new Error(`expected one root element, got ${roots.length}`);
  return root;
}

function toNodes(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown) => {
    const node = isRecord(item) ? toNode(item) : undefined;
    return node === undefined ? [] : [node];
  });
}

function toNode(raw: RawNode): XmlNode | undefined {
  const name = Object.keys(raw).find((key) => key !== ATTRS_KEY);
  if (name === undefined || name.startsWith('#') || name.startsWith('?')) return undefined;
  const content = raw[name];
  const rawAttrs = raw[ATTRS_KEY];
  const attrs: Record<string, string> = {};
  if (isRecord(rawAttrs)) {
    for (const [key, value] of Object.entries(rawAttrs)) attrs[key] = String(value);
  }
  const text = Array.isArray(content)
    ? content
        .filter(isRecord)
        .map((part) => part['#text'])
        .filter((part): part is string | number => typeof part === 'string' || typeof part === 'number')
        .map(String)
        .join('')
    : '';
  return { name, attrs, children: toNodes(content), text };
}

function isRecord(value: unknown): value is RawNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `visit` for `node` and every element below it, with its parent. */
export function walk(node: XmlNode, visit: (node: XmlNode, parent: XmlNode | undefined) => void, parent?: XmlNode): void {
  visit(node, parent);
  for (const child of node.children) walk(child, visit, node);
}

/** Every element named `name` at or below `node`, in document order. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  walk(node, (candidate) => {
    if (candidate.name === name) found.push(candidate);
  });
  return found;
}

/** Direct children named `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}

/** The one direct child named `name`; throws when there is none or more than one. */
export function onlyChild(node: XmlNode, name: string): XmlNode {
  const matches = childrenNamed(node, name);
  const [match] = matches;
  if (match === undefined || matches.length !== 1) {
    throw new Error(`<${node.name}> has ${matches.length} <${name}> children, expected exactly one`);
  }
  return match;
}

/** The one element named `name` anywhere below `node`. */
export function onlyDescendant(node: XmlNode, name: string): XmlNode {
  const matches = findAll(node, name);
  const [match] = matches;
  if (match === undefined || matches.length !== 1) {
    throw new Error(`found ${matches.length} <${name}> elements, expected exactly one`);
  }
  return match;
}

/** The attribute's value; throws when it is missing. */
export function attr(node: XmlNode, name: string): string {
  const value = node.attrs[name];
  if (value === undefined) throw new Error(`<${node.name}> has no ${name} attribute`);
  return value;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height of a PNG file, from its IHDR chunk (always the first chunk). */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error(`${file} is not a PNG`);
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error(`${file} does not start with an IHDR chunk`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
