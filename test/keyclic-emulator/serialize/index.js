'use strict';
module.exports = {
	...require('./resources'),
	...require('./report'),
	...require('./operation'),
};
