// One `pnpm test` runs every workspace's tests; the summary reporter prints "N passed, N failed".
/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/services/*/jest.config.js'],
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
  maxWorkers: 2,
};
