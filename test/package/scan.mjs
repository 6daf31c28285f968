// Runs n8n's community-package scanner (@n8n/scan-community-package, the check n8n applies before it
// lists or verifies a community node) on a local folder, the way it scans a published version:
// `tarball` lints the compiled .js and package.json of the packed package, `source` lints the node and
// credential sources plus package.json (the scanner fetches those from the provenance's commit).
// Prints {passed, message, details} as JSON. (ESM: jest's CommonJS runtime cannot import the scanner.)
//   node test/package/scan.mjs <folder> tarball|source
import path from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [folder, leg] = process.argv.slice(2);
const patterns = { tarball: ['**/*.js', 'package.json'], source: SOURCE_FILE_PATTERNS }[leg];
if (!folder || !patterns) throw new Error('usage: node test/package/scan.mjs <folder> tarball|source');
const { passed, message, details } = await analyzePackage(path.resolve(folder), patterns);
process.stdout.write(JSON.stringify({ passed, message, details }));
