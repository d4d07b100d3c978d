/** One jest run over every workspace; TypeScript goes through swc with decorator metadata for type-graphql. */
const esmOnly = ['jose', 'aedes', 'aedes-.*', 'mqemitter', 'hyperid', 'fastfall', 'fastparallel', 'fastseries', 'reusify', 'retimer', 'uuid', '@electric-sql/pglite'];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/build/'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    '^@b3/(kit|prisma|native-bridge)$': '<rootDir>/$1/src/index.ts',
    '^@b3/(kit)/(.*)$': '<rootDir>/$1/src/$2',
  },
  testTimeout: 30000,
};
