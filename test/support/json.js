'use strict';
// Reading HTTP answers in the suites: one place for "JSON if it parses, something else if not".

/** `text` parsed as JSON, or `fallback` when it is not JSON (pass `text` itself to keep the text). */
function parseJsonOr(text, fallback) {
	try {
		return JSON.parse(text);
	} catch {
		return fallback;
	}
}

module.exports = { parseJsonOr };
