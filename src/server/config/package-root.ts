import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding our package.json. The server runs both from build/ (compiled) and from
 * src/ (tests), so paths to manifest.xml, assets/ and build/web are found by walking up.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'second-look') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`second-look package.json not found above ${from}`);
    dir = parent;
  }
}
