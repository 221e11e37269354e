// pnpm run docs: the API reference of every publishable package, generated from the sources'
// doc comments into docs/api/ (not committed; the script names the folder, so the test can
// ask for JSON alone). Bare `pnpm docs` is pnpm's own command (a package's homepage).
// Warnings are errors, so the docs cannot rot: test/packaging/docs.test.ts converts them on
// every test run. A package may add its own typedoc.json (textus names the helper behind
// TextUsPaths as intentionally not exported: machinery, not API).
import { OptionDefaults } from 'typedoc'
import { publishablePackages } from './scripts/lib/packages.mjs'

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'textbridge',
  entryPointStrategy: 'packages',
  entryPoints: publishablePackages().map((pkg) => `packages/${pkg.folder}`),
  packageOptions: {
    entryPoints: ['src/index.ts'],
    // The sources alone: the package's tsconfig.json holds its tests too, and with them vitest,
    // Prism and the rest in the program, which cost TypeDoc about as much as the sources. A
    // package that runs everywhere is read without Node's types, as a browser or edge user
    // gets it (its errors do not list V8's Error statics; about a fifth of TypeDoc's CPU).
    tsconfig: 'tsconfig.docs.json',
    readme: 'README.md',
    includeVersion: true,
    // openapi-typescript writes the spec's descriptions and constants as these tags.
    blockTags: [...OptionDefaults.blockTags, '@description', '@constant'],
    validation: { notExported: true, invalidLink: true, notDocumented: false },
    excludePrivate: true,
    excludeInternal: true,
    // The repository's own URL, not the clone's remote (a clone may have none, or another).
    sourceLinkTemplate: 'https://github.com/textbridge/textbridge/blob/{gitRevision}/{path}#L{line}',
  },
  readme: 'README.md',
  treatWarningsAsErrors: true,
  githubPages: false,
  hideGenerator: true,
}
