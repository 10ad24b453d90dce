/**
 * The globals core/ may use when compiled on its own (tsconfig.core.json, no DOM and no Node
 * types): the WHATWG URL parser, which every JavaScript runtime has and which does no I/O.
 * Only the members core/ reads are declared, so anything else is a compile error there too.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
