// mailsplit ships no types; this declares the one class we use.
declare module 'mailsplit' {
  export class Headers {
    constructor(headers: Buffer | string);
    getList(): Array<{ key: string; line: string }>;
    get(key: string): string[];
  }
}
