import { packageProject } from '../../test/support/package-project.mjs'

// Isolated: some files change what the others would share (the segment counter without
// Intl.Segmenter, the send limits of the queue tests), and run without isolation, they fail.
export default packageProject('textbridge', { test: { isolate: true } })
