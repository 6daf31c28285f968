// n8n's prettier style (n8n repository and @n8n/node-cli's package template), with the print width this
// code base has always been wrapped at. Check: `npm run format:check`; apply: `npm run format`.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 140,
};
