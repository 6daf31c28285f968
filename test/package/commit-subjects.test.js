'use strict';
// The release changelog is built from commit subjects (CONTRIBUTING.md "Commits"), so every commit since the
// project took up n8n's form keeps it: `type(scope): subject` (or a merge), 72 characters at most.
const { execFileSync } = require('node:child_process');

const { ROOT } = require('./checks');

/** The first commit written in n8n's form; history before it is not rewritten. */
const SINCE = '8c5e68d6d6b0fcbcc3f8c98f5fe37a25cbab3a25';
/** Longer than 72 characters, merged before this test existed (history is not rewritten). */
const MERGED_BEFORE_THE_CHECK = new Set(['d012b3c', '00f8058', '1cd8019']);
const FORM = /^((feat|fix|perf|refactor|test|docs|ci|chore|build|style|revert)(\([^)]+\))?!?: \S|Merge )/;

const git = (args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

test('every commit subject since the n8n form was taken up is in that form and 72 characters at most', () => {
	// a clone without that history (shallow, or an unrelated tree) cannot be checked: say so rather than pass
	expect(git(['cat-file', '-t', SINCE])).toBe('commit');
	const subjects = git(['log', '--format=%h %s', `${SINCE}^..HEAD`])
		.split('\n')
		.map((line) => ({ hash: line.slice(0, line.indexOf(' ')), subject: line.slice(line.indexOf(' ') + 1) }));
	expect(subjects.length).toBeGreaterThan(90);
	const wrong = subjects
		.filter(({ hash }) => !MERGED_BEFORE_THE_CHECK.has(hash.slice(0, 7)))
		.filter(({ subject }) => subject.length > 72 || !FORM.test(subject))
		.map(({ hash, subject }) => `${hash} (${subject.length}) ${subject}`);
	expect(wrong).toEqual([]);
});
