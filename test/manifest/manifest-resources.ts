/** The manifest's <Resources>, and which kind of resource each referencing element needs. */
import { attr, childrenNamed, type XmlNode } from './manifest-tree';

export type ResourceKind = 'Image' | 'Url' | 'ShortString' | 'LongString';
export interface Resource {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly node: XmlNode;
}

/** Every image, URL and string defined under <Resources>. */
export function collectResources(node: XmlNode): Resource[] {
  const groups: ReadonlyArray<readonly [string, string, ResourceKind]> = [
    ['bt:Images', 'bt:Image', 'Image'],
    ['bt:Urls', 'bt:Url', 'Url'],
    ['bt:ShortStrings', 'bt:String', 'ShortString'],
    ['bt:LongStrings', 'bt:String', 'LongString'],
  ];
  return groups.flatMap(([groupName, itemName, kind]) =>
    childrenNamed(node, groupName).flatMap((group) =>
      childrenNamed(group, itemName).map((item) => ({ id: attr(item, 'id'), kind, node: item })),
    ),
  );
}

/** Elements that reference a resource, with the kind the schema wants for each. */
export function expectedKind(node: XmlNode): ResourceKind {
  switch (node.name) {
    case 'bt:Image':
      return 'Image';
    case 'FunctionFile':
    case 'SourceLocation':
    case 'Runtime':
    case 'Override':
    case 'MoreInfoUrl':
      return 'Url';
    case 'Label':
    case 'Title':
    case 'Option':
    case 'FreeTextLabel':
    case 'MoreInfoText':
      return 'ShortString';
    case 'Description':
      return 'LongString';
    default:
      throw new Error(`no rule for a resid on <${node.name}>: add one to expectedKind`);
  }
}
