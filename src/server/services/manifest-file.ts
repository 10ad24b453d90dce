/**
 * Serves manifest.xml with its localhost URLs rewritten to the server's public URL, so one
 * manifest file works for development and production.
 */
import fs from 'node:fs/promises';
import { renderManifest } from './manifest-service';

export interface ManifestService {
  render(): Promise<string>;
}

export function fileManifest(file: string, origin: string): ManifestService {
  let cached: string | undefined;
  return {
    async render() {
      cached ??= renderManifest(await fs.readFile(file, 'utf8'), origin);
      return cached;
    },
  };
}
