'use strict';
// Where things are, and building a site with the prongsai binary.
//
// Environment (scripts/test-browser sets them; defaults work from a clone):
//   CARGO_TARGET_DIR     default ~/.cache/prongsai/target
//   PRONGSAI_BIN         default $CARGO_TARGET_DIR/release/prongsai
//   PRONGSAI_SITE_DIR    an already built sample site; when unset, the
//                        sample site is built into the artifacts folder
//   PRONGSAI_ARTIFACTS   default $CARGO_TARGET_DIR/test-artifacts/browser

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SUITE = path.resolve(__dirname, '..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'prongsai', 'target');
const BIN = process.env.PRONGSAI_BIN || path.join(TARGET, 'release', 'prongsai');
const ARTIFACTS = process.env.PRONGSAI_ARTIFACTS || path.join(TARGET, 'test-artifacts', 'browser');
const AS_OF = '2026-11-01';

/** Build the site at `root` into `out`. Returns { ok, status, output }. */
function buildSite(root, out, extraArgs = []) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`prongsai binary not found at ${BIN}: run \`cargo build --release\` (scripts/test-browser does)`);
  }
  const r = spawnSync(BIN, ['build', '--root', root, '--out', out, '--as-of', AS_OF, ...extraArgs], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { ok: r.status === 0, status: r.status, output: `${r.stdout}${r.stderr}` };
}

let sampleDir = null;
/** The built sample site (the repository root), built once per process when not given. */
function sampleSite() {
  if (sampleDir) return sampleDir;
  if (process.env.PRONGSAI_SITE_DIR) {
    sampleDir = path.resolve(process.env.PRONGSAI_SITE_DIR);
    if (!fs.existsSync(path.join(sampleDir, 'index.html'))) {
      throw new Error(`PRONGSAI_SITE_DIR=${sampleDir} holds no built site (no index.html)`);
    }
    return sampleDir;
  }
  const out = path.join(ARTIFACTS, `site-${process.pid}`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const r = buildSite(REPO, out);
  if (!r.ok) throw new Error(`prongsai build of the sample site failed (exit ${r.status}):\n${r.output}`);
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
  sampleDir = out;
  return out;
}

function artifactsDir(...sub) {
  const d = path.join(ARTIFACTS, ...sub);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

module.exports = { REPO, SUITE, TARGET, BIN, ARTIFACTS, AS_OF, buildSite, sampleSite, artifactsDir };
