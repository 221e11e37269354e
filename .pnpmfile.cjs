// pnpm hooks of the workspace. Only packing is changed: what an install resolves is not.

/**
 * A published package.json describes the package, not our workspace: devDependencies name
 * private workspace packages (provider-kit is bundled into each provider's dist) and scripts
 * point at files that exist only here (../../tsdown.config.mjs). Neither means anything to a
 * user, and a private name in a published manifest is a 404 waiting to happen.
 */
function beforePacking(manifest) {
  const { devDependencies: _devDependencies, scripts: _scripts, ...published } = manifest
  return published
}

module.exports = { hooks: { beforePacking } }
