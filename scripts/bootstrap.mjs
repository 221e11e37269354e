#!/usr/bin/env node
// Entry point of `npm start` and `npm test`: works on any Node >= 20 with npm alone.
// It brings the Node and pnpm versions the workspace needs into .tools/ when the
// machine's are missing or older, installs the workspace, then runs the task.
// Plain JavaScript with no dependencies, because it runs before anything is installed.

import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { availableParallelism, constants } from 'node:os'
import { delimiter, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const TOOLS = join(ROOT, '.tools')
const TOOLS_BIN = join(TOOLS, 'node_modules', '.bin')

/** The toolchain the workspace is tested with. Node >= MIN_NODE is used as found. */
const NODE_VERSION = '24.21.0'
const MIN_NODE = [24, 14, 0]
const PNPM_VERSION = readPinnedPnpm()

const TASKS = {
  start: {
    help: 'install, generate, build, then send one message through each provider client against its mock',
    steps: [
      ['pnpm', 'run', 'generate'],
      ['pnpm', 'run', 'build'],
      ['pnpm', 'run', 'demo'],
    ],
  },
  test: {
    help: 'install, build (which generates), then run the whole test suite once',
    steps: [['pnpm', 'run', 'build'], vitestRun()],
  },
  quick: {
    help: 'install, build, then the unit, contract and type tests (no packaging, scripts or soak)',
    steps: [
      ['pnpm', 'run', 'build'],
      vitestRun('--project', '!packaging', '--project', '!scripts', '--exclude', '**/test/reliability/**'),
    ],
  },
  setup: {
    help: 'only bring the toolchain and install the workspace',
    steps: [],
  },
}

/** One vitest run over the workspace, on testWorkers() workers. */
function vitestRun(...args) {
  return ['pnpm', 'exec', 'vitest', 'run', `--maxWorkers=${testWorkers()}`, ...args]
}

/**
 * Three test workers to two cores: a worker whose file waits on the processes it started (an
 * install, a build) or on a timer leaves its core to the others. On 2 cores, measured: 136-146 s
 * with three, 157 s with two, 149 s with four. A number, not a percentage: vitest caps a
 * percentage at the number of cores. A project takes maxWorkers from the command line only
 * (not from the root config).
 */
function testWorkers() {
  return Math.max(2, Math.ceil(availableParallelism() * 1.5))
}

function usage() {
  const lines = Object.entries(TASKS).map(([name, task]) => `  ${name.padEnd(7)} ${task.help}`)
  return `usage: node scripts/bootstrap.mjs <task> [extra args for the last step]\n\ntasks:\n${lines.join('\n')}\n`
}

function readPinnedPnpm() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(pkg.packageManager ?? '')
  if (!match) throw new Error('package.json must pin "packageManager": "pnpm@x.y.z"')
  return match[1]
}

function parseVersion(text) {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(text ?? '')
  return match ? match.slice(1, 4).map(Number) : null
}

function atLeast(version, minimum) {
  for (let i = 0; i < 3; i++) {
    if (version[i] !== minimum[i]) return version[i] > minimum[i]
  }
  return true
}

function versionOf(command, env) {
  const result = spawnSync(command, ['--version'], { env, encoding: 'utf8', shell: process.platform === 'win32' })
  return result.status === 0 ? parseVersion(result.stdout) : null
}

function say(message) {
  process.stderr.write(`[textbridge] ${message}\n`)
}

const REGISTRY = (process.env.npm_config_registry || 'https://registry.npmjs.org/').replace(/\/?$/, '/')

/**
 * Fetches one package version from the registry into .tools/node_modules/<name>: its manifest
 * (for the tarball URL and integrity), the tarball, a sha512 check, then the system's tar.
 * Much faster here than `npm install`, which stalls on its own HTTP cache.
 */
async function fetchPackage(name, version) {
  const manifest = await (await fetch(`${REGISTRY}${name}/${version}`)).json()
  const { tarball, integrity } = manifest.dist ?? {}
  if (!tarball || !integrity?.startsWith('sha512-')) throw new Error(`no tarball for ${name}@${version}`)
  const response = await fetch(tarball)
  if (!response.ok) throw new Error(`${tarball}: HTTP ${response.status}`)
  const bytes = Buffer.from(await response.arrayBuffer())
  const digest = `sha512-${createHash('sha512').update(bytes).digest('base64')}`
  if (digest !== integrity) throw new Error(`${name}@${version}: integrity mismatch`)
  const target = join(TOOLS, 'node_modules', name)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  const archive = join(TOOLS, `${name}.tgz`)
  writeFileSync(archive, bytes)
  const untar = spawnSync('tar', ['-xzf', archive, '-C', target, '--strip-components=1'], { stdio: 'inherit' })
  rmSync(archive, { force: true })
  if (untar.status !== 0) throw new Error(`tar could not unpack ${name}@${version}`)
  return { dir: target, bin: manifest.bin ?? {} }
}

function link(binName, targetFile) {
  const path = join(TOOLS_BIN, binName)
  rmSync(path, { force: true })
  symlinkSync(relative(TOOLS_BIN, targetFile), path)
}

async function fetchToolchain(platformNode) {
  mkdirSync(TOOLS_BIN, { recursive: true })
  const node = await fetchPackage(platformNode, NODE_VERSION)
  link('node', join(node.dir, node.bin.node ?? 'bin/node'))
  const pnpm = await fetchPackage('pnpm', PNPM_VERSION)
  link('pnpm', join(pnpm.dir, pnpm.bin.pnpm ?? 'bin/pnpm.cjs'))
}

function npmInstallToolchain(platformNode, env) {
  const install = (nodeSpec) =>
    spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        TOOLS,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        nodeSpec,
        `pnpm@${PNPM_VERSION}`,
      ],
      { stdio: 'inherit', env, shell: process.platform === 'win32' },
    )
  // The platform package holds the binary itself; the generic one fetches it in an install script.
  let result = install(`${platformNode}@${NODE_VERSION}`)
  if (result.status !== 0) result = install(`node@${NODE_VERSION}`)
  return result.status === 0
}

/** Returns the environment in which `node` and `pnpm` are the versions the workspace needs. */
async function ensureToolchain() {
  const env = {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    SCARF_ANALYTICS: 'false',
  }
  const systemNode = parseVersion(process.version)
  const systemPnpm = versionOf('pnpm', env)
  const nodeOk = systemNode && atLeast(systemNode, MIN_NODE)
  const pnpmOk = systemPnpm && systemPnpm[0] === parseVersion(PNPM_VERSION)[0]
  if (nodeOk && pnpmOk) return env

  const wanted = { node: NODE_VERSION, pnpm: PNPM_VERSION }
  const stampFile = join(TOOLS, 'versions.json')
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : ''
  if (stamp !== JSON.stringify(wanted)) {
    say(
      `system Node ${process.version}${pnpmOk ? '' : `, no pnpm ${PNPM_VERSION.split('.')[0]}`}: installing Node ${NODE_VERSION} and pnpm ${PNPM_VERSION} into .tools/`,
    )
    rmSync(TOOLS, { recursive: true, force: true })
    mkdirSync(TOOLS, { recursive: true })
    writeFileSync(join(TOOLS, 'package.json'), '{"private":true}\n')
    const platformNode = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`
    const fetched = await fetchToolchain(platformNode).then(
      () => true,
      (error) => {
        say(`direct download failed (${error.message}); falling back to npm install`)
        return false
      },
    )
    if (!fetched && !npmInstallToolchain(platformNode, env)) {
      say('could not install Node and pnpm from the npm registry (see the output above)')
      process.exit(1)
    }
    writeFileSync(stampFile, JSON.stringify(wanted))
  }
  env.PATH = `${TOOLS_BIN}${delimiter}${env.PATH ?? ''}`
  const node = versionOf('node', env)
  if (!node || !atLeast(node, MIN_NODE)) {
    say(`.tools/ holds no usable Node ${NODE_VERSION}; remove .tools/ and run again`)
    process.exit(1)
  }
  return env
}

// Each step runs in a process group of its own, so a signal reaches the step and everything
// it started (turbo, vitest and its workers) and nothing is left running after a kill.
let child = null
function stopChild(signal) {
  if (!child) return false
  try {
    if (process.platform === 'win32') child.kill(signal)
    else process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
  return true
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!stopChild(signal)) process.exit(128 + (constants.signals[signal] ?? 0))
  })
}
// `npm test` exits on SIGTERM without passing it on: when the parent goes, stop too.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent && stopChild('SIGTERM')) setTimeout(() => stopChild('SIGKILL'), 5000).unref()
}, 500).unref()

function run(argv, env) {
  return new Promise((resolve) => {
    child = spawn(argv[0], argv.slice(1), {
      cwd: ROOT,
      env,
      stdio: 'inherit',
      shell: process.platform === 'win32',
      detached: process.platform !== 'win32',
    })
    child.on('exit', (code, signal) => {
      child = null
      resolve(code ?? 128 + (constants.signals[signal] ?? 0))
    })
    child.on('error', (error) => {
      child = null
      say(`could not start ${argv[0]}: ${error.message}`)
      resolve(1)
    })
  })
}

async function main() {
  const [name, ...extra] = process.argv.slice(2)
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage())
    process.exit(name ? 0 : 2)
  }
  const task = TASKS[name]
  if (!task) {
    process.stderr.write(`unknown task "${name}"\n\n${usage()}`)
    process.exit(2)
  }
  const env = await ensureToolchain()
  const installArgs = ['pnpm', 'install', '--frozen-lockfile', '--prefer-offline']
  if (!existsSync(join(ROOT, 'pnpm-lock.yaml'))) installArgs.splice(2, 1)
  let code = await run(installArgs, env)
  const steps = task.steps.map((step, index) => (index === task.steps.length - 1 ? [...step, ...extra] : step))
  for (const step of steps) {
    if (code !== 0) break
    code = await run(step, env)
  }
  process.exit(code)
}

main()
