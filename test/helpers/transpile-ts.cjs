// Lets a child process run the TypeScript sources as they are (`node --require
// ./test/helpers/transpile-ts.cjs src/server/main.ts`): each .ts file is compiled to CommonJS
// when it is first required. Types are removed, not checked (`npm run typecheck` does that),
// so a test's server process is the code under test, not a build that may be stale. Output is
// kept in the temporary folder by a hash of the source, so a second process starts quickly.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  inlineSourceMap: true,
};
const CACHE = path.join(os.tmpdir(), `second-look-ts-${ts.version}`);

function compiled(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
    fs.mkdirSync(CACHE, { recursive: true });
    // Written whole under a name of its own, then renamed: a concurrent reader never sees half.
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, outputText);
    fs.renameSync(temporary, cached);
    return outputText;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(compiled(filename), filename);
};
