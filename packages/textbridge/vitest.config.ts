import { packageProject } from '../../test/support/package-project.mjs'

// Not isolated, as every package: the files that change what the others would share put it back
// (segments.test.ts its stubbed Intl, spec-rules.test.ts its mocked provider rules).
export default packageProject('textbridge')
