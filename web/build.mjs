// Builds the dashboard into crates/harmattan-server/assets/, which the server embeds.
// Deterministic: no hashes, timestamps or absolute paths in the output, so `.ci/run` can
// rebuild and check that the committed files are what these sources make.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'crates', 'harmattan-server', 'assets');
const mod = (p) => join(here, 'node_modules', p);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  charset: 'utf8',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
};

await build({
  ...common,
  entryPoints: ['src/main.js'],
  outfile: join(out, 'app.js'),
  format: 'iife',
});

await build({
  ...common,
  entryPoints: ['src/app.css'],
  outfile: join(out, 'app.css'),
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'images/[name]',
});

// Natural Earth 1:50m countries (public domain) as TopoJSON, converted in the browser.
cpSync(mod('world-atlas/countries-50m.json'), join(out, 'countries-50m.json'));
// index.html names app.js and app.css with a digest of their content, so a browser that
// cached an earlier build (the server lets it keep files for an hour) loads the new one
const digest = (f) => createHash('sha256').update(readFileSync(join(out, f))).digest('hex').slice(0, 12);
writeFileSync(
  join(out, 'index.html'),
  readFileSync(join(here, 'src', 'index.html'), 'utf8')
    .replace('href="app.css"', `href="app.css?v=${digest('app.css')}"`)
    .replace('src="app.js"', `src="app.js?v=${digest('app.js')}"`),
);

// Attribution and the licences of everything bundled into the assets.
const licences = [
  ['Leaflet', 'leaflet/LICENSE'],
  ['Leaflet.markercluster', 'leaflet.markercluster/MIT-LICENCE.txt'],
  ['topojson-client', 'topojson-client/LICENSE'],
  ['world-atlas', 'world-atlas/LICENSE'],
];
let notice = readFileSync(join(here, 'NOTICE.md'), 'utf8').trimEnd() + '\n';
for (const [name, file] of licences) {
  const version = JSON.parse(readFileSync(mod(join(dirname(file), 'package.json')), 'utf8')).version;
  notice += `\n\n## ${name} ${version}\n\n` + readFileSync(mod(file), 'utf8').trimEnd() + '\n';
}
writeFileSync(join(out, 'NOTICE.txt'), notice);
