import { packageProject } from '../../test/support/package-project.mjs'

export default packageProject('signalwire')
