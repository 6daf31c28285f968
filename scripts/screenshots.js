#!/usr/bin/env node
'use strict';
// Regenerates the README screenshots (docs/images/*.png): runs the browser suite (test/ui: a real n8n
// and Debian's Chromium, see test/harness/browser.js) with KEYCLIC_UPDATE_SCREENSHOTS=1, which makes
// the steps marked `docs: true` copy their PNG into docs/images/. All PNGs also land in .e2e/ui-screenshots/.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const r = spawnSync('npx', ['jest', '--selectProjects', 'ui', '--runInBand', '--forceExit'], {
	cwd: ROOT,
	stdio: 'inherit',
	env: { ...process.env, KEYCLIC_UPDATE_SCREENSHOTS: '1' },
});
if (r.status === 0) console.log(`\nscreenshots written to ${path.join(ROOT, 'docs', 'images')}`);
process.exit(r.status === null ? 1 : r.status);
