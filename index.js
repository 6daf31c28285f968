// n8n finds the node and the credential through the "n8n" section of package.json (dist/ paths).
// This file is not published (package.json "files" is ["dist"]); it only marks the package root.
module.exports = {};
