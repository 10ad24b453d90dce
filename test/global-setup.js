// Deterministic tests: one time zone everywhere, whatever the machine says. And one clear
// sentence when the Node.js running them cannot: Jest loads the ES-module-only dependencies
// (jose, oidc-provider) natively only on Node 24.9+ started with --experimental-vm-modules,
// which `npm test` does.
module.exports = async () => {
  process.env.TZ = 'UTC';
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 24 || (major === 24 && minor < 9)) {
    throw new Error(`the tests need Node.js 24.9 or newer (this is ${process.versions.node}); the server itself runs on 22.12+`);
  }
  if (!process.execArgv.includes('--experimental-vm-modules') && !(process.env.NODE_OPTIONS ?? '').includes('--experimental-vm-modules')) {
    throw new Error('run the tests with `npm test` (it starts Node with --experimental-vm-modules, which Jest needs to load ES modules)');
  }
};
