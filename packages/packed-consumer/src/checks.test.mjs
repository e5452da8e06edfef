import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nameAndVersion, packumentsFromLockfile } from './lockfile-registry.mjs';
import { readmeExamples } from './readme-examples.mjs';
import { tarballProblems } from './tarball-check.mjs';
import { ownErrors } from './typecheck.mjs';

const fence = '```';

describe('readmeExamples', () => {
  it('takes a block after "This is `path`" as that file, and files named by a first comment line', () => {
    const markdown = [
      'Intro. This is `test/a.test.ts`, which runs in this package:',
      '',
      `${fence}ts\nexport const a = 1;\n${fence}`,
      '',
      'A fragment, using names it does not define:',
      `${fence}ts\nawait client.rooms.list();\n${fence}`,
      `${fence}js\n// jest.config.mjs\nexport default {};\n\n// jest.setup.mjs\ninstall(expect);\n${fence}`,
      `${fence}js\n// examples/x.mjs (run: node examples/x.mjs)\nconsole.log(1);\n${fence}`,
      `${fence}sh\n// not.js\n${fence}`,
    ].join('\n');
    expect(readmeExamples(markdown)).toEqual([
      { path: 'test/a.test.ts', code: 'export const a = 1;\n' },
      { path: 'jest.config.mjs', code: 'export default {};\n' },
      { path: 'jest.setup.mjs', code: 'install(expect);\n' },
      { path: 'examples/x.mjs', code: 'console.log(1);\n' },
    ]);
  });

  it('does not carry a "This is" past the block it introduces', () => {
    const markdown = `This is \`test/a.test.ts\`:\n${fence}ts\na\n${fence}\nThen:\n${fence}ts\nb\n${fence}`;
    expect(readmeExamples(markdown).map((file) => file.path)).toEqual(['test/a.test.ts']);
  });

  it('finds every test file the testing README presents', () => {
    const readme = readFileSync(new URL('../../testing/README.md', import.meta.url), 'utf8');
    const presented = [...readme.matchAll(/This is `(test\/[\w.-]+\.ts)`/g)].map((match) => match[1]);
    expect(
      readmeExamples(readme)
        .filter((file) => file.path.startsWith('test/'))
        .map((file) => file.path),
    ).toEqual(presented);
  });
});

describe('tarballProblems', () => {
  const good = {
    files: [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/a.js',
      'bin/x.js',
    ],
    manifest: {
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      bin: { x: './bin/x.js' },
    },
    read: (/** @type {string} */ path) => (path === 'dist/index.js' ? "export * from './a.js';" : ''),
  };

  it('passes a package that ships what it names', () => {
    expect(tarballProblems(good)).toEqual([]);
  });

  it('names leftover workspace ranges, the source condition, src/, test support, and missing files', () => {
    const bad = {
      files: ['package.json', 'dist/index.js', 'src/index.ts', 'dist/test-support/x.js'],
      manifest: {
        dependencies: { '@roomlab/core': 'workspace:*' },
        exports: {
          '.': { 'roomlab-source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
        },
      },
      read: (/** @type {string} */ path) => (path === 'dist/index.js' ? "import './gone.js';" : ''),
    };
    expect(tarballProblems(bad)).toEqual([
      'package.json depends on @roomlab/core by workspace:*, not a version',
      'package.json still names the roomlab-source condition',
      'README.md is missing',
      'LICENSE is missing',
      'src/index.ts is shipped: src/ is not',
      'dist/test-support/x.js is shipped: test support is not',
      './dist/index.d.ts is named in package.json but not shipped',
      'dist/index.js imports dist/gone.js, which is not shipped',
    ]);
  });

  it('reads a JSDoc type naming a file as no import, and the imports beside it as imports', () => {
    const bundle = "/** @type {import('./list.d.ts').Node} */\nconst list = require('./gone.cjs');";
    expect(tarballProblems({ ...good, read: (path) => (path === 'dist/a.js' ? bundle : '') })).toEqual([
      'dist/a.js imports dist/gone.cjs, which is not shipped',
    ]);
  });
});

describe('packumentsFromLockfile', () => {
  it('offers each locked version with its dependencies pinned as locked, aliases kept', () => {
    const lockfile = `lockfileVersion: '9.0'
packages:
  '@scope/a@1.2.0':
    resolution: {integrity: sha512-A}
    engines: {node: '>=20'}
  b@2.0.0:
    resolution: {integrity: sha512-B}
    peerDependencies:
      '@scope/a': ^1.0.0
snapshots:
  '@scope/a@1.2.0': {}
  b@2.0.0(@scope/a@1.2.0):
    dependencies:
      '@scope/a': 1.2.0
      c-cjs: c@4.0.0
`;
    const packuments = packumentsFromLockfile(lockfile);
    expect(packuments.get('@scope/a')?.versions['1.2.0'].dist).toEqual({
      integrity: 'sha512-A',
      tarball: 'https://registry.npmjs.org/@scope/a/-/a-1.2.0.tgz',
    });
    expect(packuments.get('b')?.versions['2.0.0']).toMatchObject({
      dependencies: { '@scope/a': '1.2.0', 'c-cjs': 'npm:c@4.0.0' },
      peerDependencies: { '@scope/a': '^1.0.0' },
    });
    expect(packuments.get('b')?.['dist-tags']).toEqual({ latest: '2.0.0' });
  });

  it('reads names and versions from keys with peer suffixes', () => {
    expect(nameAndVersion('vitest@4.1.12(@types/node@20.19.43)(msw@2.15.0)')).toEqual({
      name: 'vitest',
      version: '4.1.12',
    });
  });
});

describe('ownErrors', () => {
  it("keeps errors in the examples and in roomlab's .d.ts, not in other packages'", () => {
    const output = [
      "testing/test/readme.test.ts(19,57): error TS2339: Property 'toHaveParticipant' does not exist",
      'node_modules/.pnpm/@roomlab+emulator@file+x/node_modules/@roomlab/emulator/dist/a.d.ts(1,30): error TS7016: express',
      'node_modules/.pnpm/twilio@6.2.0/node_modules/twilio/lib/x.d.ts(3,32): error TS7016: jsonwebtoken',
      '  Try `npm i --save-dev @types/jsonwebtoken`',
    ].join('\n');
    expect(ownErrors(output)).toEqual(output.split('\n').slice(0, 2));
  });
});
