/**
 * Builds the browser side into build/web/:
 *   addin/taskpane.html  + hashed JS (React + Fluent UI, vendor code split out for caching)
 *   addin/commands.html  + addin/commands.js (fixed name: manifest.xml points at it)
 *   addin/help.html      the "more info" page
 *   admin/index.html     the admin portal (React + Fluent UI): a small entry, then one chunk
 *                        per page (admin/*.js), the chart library only with the overview
 *
 * Type-checking is `npm run typecheck`'s job; here ts-loader only transpiles. tsconfig.json
 * targets Node for the server, so the browser build overrides module settings.
 *
 * commands.js is also loaded by classic Outlook's JavaScript-only runtime (no DOM, an older
 * engine), so its own code is built in a separate layer down to ES2017, and it never shares
 * a chunk with the task pane: it must work as one file.
 */
const path = require('node:path');
const zlib = require('node:zlib');
const fs = require('node:fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const OUT = path.resolve(__dirname, 'build/web');
const COMMANDS_LAYER = 'commands';

/** The entries a chunk belongs to (webpack's runtime names). */
function runtimesOf(chunk) {
  const runtime = chunk && chunk.runtime;
  if (!runtime) return [];
  return typeof runtime === 'string' ? [runtime] : [...runtime];
}
/** The admin portal's chunks (its entry and its lazy pages) live under admin/. */
const isAdminChunk = (chunk) => runtimesOf(chunk).includes('admin') || (chunk.name || '').startsWith('admin');

function tsRule(target, extra) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    ...extra,
    use: {
      loader: 'ts-loader',
      options: {
        configFile: path.resolve(__dirname, 'tsconfig.json'),
        transpileOnly: true,
        compilerOptions: { module: 'esnext', moduleResolution: 'bundler', noEmit: false, target },
      },
    },
  };
}

/**
 * Writes build/bundle-sizes.json (outside the served folder): the task pane's initial files
 * with raw and gzipped sizes, for the bench and for anyone checking the 200 KB budget.
 */
class BundleSizeReport {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('BundleSizeReport', (compilation) => {
      const entry = compilation.entrypoints.get('taskpane');
      if (!entry) return;
      const files = entry
        .getFiles()
        .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
        .map((file) => {
          const bytes = fs.readFileSync(path.join(OUT, file));
          return { file, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
        });
      const total = files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzipBytes: sum.gzipBytes + f.gzipBytes }), {
        bytes: 0,
        gzipBytes: 0,
      });
      const report = { entry: 'taskpane', initial: files, total };
      fs.writeFileSync(path.resolve(OUT, '..', 'bundle-sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
    });
  }
}

module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  return {
    mode: production ? 'production' : 'development',
    // A second `npm start` reuses the modules and minified chunks of the first: only what
    // changed is built again. The cache is keyed on this file and the lock file, so a changed
    // configuration or dependency starts it over.
    cache: {
      type: 'filesystem',
      cacheDirectory: path.resolve(__dirname, 'node_modules/.cache/webpack'),
      buildDependencies: { config: [__filename, path.resolve(__dirname, 'package-lock.json')] },
    },
    devtool: production ? false : 'eval-cheap-module-source-map',
    target: ['web', 'es2017'],
    experiments: { layers: true },
    entry: {
      taskpane: './src/addin/taskpane/index.tsx',
      commands: {
        import: './src/addin/commands/commands.ts',
        filename: 'addin/commands.js',
        layer: COMMANDS_LAYER,
      },
      admin: { import: './src/admin/index.tsx', filename: 'admin/[name].[contenthash:8].js' },
    },
    output: {
      path: OUT,
      filename: 'addin/[name].[contenthash:8].js',
      chunkFilename: (pathData) => (isAdminChunk(pathData.chunk) ? 'admin/[name].[contenthash:8].js' : 'addin/[name].[contenthash:8].js'),
      // Absolute, not 'auto': 'auto' reads document.currentScript, which the JavaScript-only
      // runtime does not have. The server serves build/web at the origin's root.
      publicPath: '/',
      clean: true,
    },
    // '.js' in an import means the compiled file: look for its TypeScript source first.
    resolve: { extensions: ['.tsx', '.ts', '.mjs', '.js'], extensionAlias: { '.js': ['.tsx', '.ts', '.js'] } },
    module: {
      rules: [
        tsRule('es2017', { issuerLayer: COMMANDS_LAYER }),
        tsRule('es2022', { issuerLayer: (layer) => layer !== COMMANDS_LAYER }),
      ],
    },
    optimization: {
      splitChunks: {
        // Only the task pane is split; commands.js must stay one self-contained file.
        chunks: (chunk) => chunk.name === 'taskpane',
        cacheGroups: {
          react: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
            name: 'react',
            priority: 20,
          },
          fluent: {
            test: /[\\/]node_modules[\\/]/,
            name: 'fluent',
            priority: 10,
          },
          // The portal: modules two or more of its lazy pages use load once, with the first.
          adminShared: {
            chunks: (chunk) => isAdminChunk(chunk) && chunk.name !== 'admin',
            minChunks: 2,
            name: 'admin-shared',
            priority: 30,
            reuseExistingChunk: true,
          },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/addin/taskpane/taskpane.html',
        filename: 'addin/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        template: './src/addin/commands/commands.html',
        filename: 'addin/commands.html',
        chunks: ['commands'],
      }),
      new HtmlWebpackPlugin({
        template: './src/addin/help.html',
        filename: 'addin/help.html',
        chunks: [],
        inject: false,
      }),
      new HtmlWebpackPlugin({
        template: './src/admin/admin.html',
        filename: 'admin/index.html',
        chunks: ['admin'],
      }),
      new BundleSizeReport(),
    ],
  };
};
