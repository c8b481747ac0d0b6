const preset = require('../../jest.preset.js');

/** @type {import('jest').Config} */
module.exports = { ...preset, displayName: 'charts', rootDir: __dirname };
