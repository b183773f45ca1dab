// Builds the dashboard into crates/harmattan-server/assets/, which the server embeds.
// Deterministic: no hashes, timestamps or absolute paths in the output, so `.ci/run` can
// rebuild and check that the committed files are what these sources make.
import { build } from 'esbuild';
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
cpSync(join(here, 'src', 'index.html'), join(out, 'index.html'));

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
