/** @type {import('jest').Config} */
// The Docker stage (docker/ci-stage.sh), apart from `npm test`: it needs a Docker engine and the images
// the stage builds. Same TypeScript setup as the main jest.config.cjs.
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/test/docker'],
  testMatch: ['**/*.docker-spec.ts'],
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true }] },
  testTimeout: 600000,
  maxWorkers: 1,
};
