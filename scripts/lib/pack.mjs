// `pnpm pack` of every publishable package: the tarballs every later check and the consumer
// tests use, so they see what npm would serve (catalog: and workspace: specifiers resolved,
// the .pnpmfile.cjs packing hook applied), never the workspace folders.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { publishablePackages } from './packages.mjs'

/**
 * Packs the packages into `destination` (in parallel) and returns name → tarball path.
 * @param {string} destination
 * @param {import('./packages.mjs').WorkspacePackage[]} [packages]
 * @returns {Promise<Map<string, string>>}
 */
export async function packAll(destination, packages = publishablePackages()) {
  const tarballs = new Map()
  await Promise.all(
    packages.map(async (pkg) => {
      const target = join(destination, pkg.folder)
      mkdirSync(target, { recursive: true })
      await run('pnpm', ['pack', '--pack-destination', target], pkg.dir)
      const [file] = readdirSync(target).filter((name) => name.endsWith('.tgz'))
      if (!file) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`)
      tarballs.set(pkg.name, join(target, file))
    }),
  )
  return tarballs
}

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      shell: process.platform === 'win32',
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} in ${cwd} failed:\n${stderr}`)),
    )
  })
}
