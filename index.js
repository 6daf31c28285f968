// n8n loads this package through the "n8n" section of package.json (dist/ paths), not through this file.
module.exports = {};
