'use strict';
// The project's copy of the Keyclic sample notifications (examples/events), always present in a clone.
const fs = require('node:fs');
const path = require('node:path');

const EVENTS = path.resolve(__dirname, '..', '..', 'examples', 'events');

/** The `payload` (a Report or an Operation, as the Keyclic API serializes it) of examples/events/<file>. */
function examplePayload(file) {
	return JSON.parse(fs.readFileSync(path.join(EVENTS, file), 'utf8')).payload;
}

module.exports = { examplePayload };
