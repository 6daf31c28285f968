// Copies the node and credential icons next to the compiled code (tsc only emits .js).
const { src, dest, parallel } = require('gulp');

const copyIcons = (folder) =>
	function icons() {
		return src(`${folder}/**/*.{png,svg}`, { encoding: false, allowEmpty: true }).pipe(dest(`dist/${folder}`));
	};

exports['build:icons'] = parallel(copyIcons('nodes'), copyIcons('credentials'));
exports.default = exports['build:icons'];
