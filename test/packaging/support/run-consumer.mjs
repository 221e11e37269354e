// node run-consumer.mjs <compiled consumer> <base URL>: calls the consumer's main() and prints
// its reply as one line of JSON. Plain JavaScript, so any Node can run it as it is.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [file, baseUrl = ''] = process.argv.slice(2)
const consumer = await import(pathToFileURL(resolve(file)).href)
// A CommonJS consumer's exports arrive as named exports, or under `default` where Node's
// static analysis of the file missed them.
const main = consumer.main ?? consumer.default?.main
if (typeof main !== 'function') throw new Error(`${file} exports no main()`)
process.stdout.write(`${JSON.stringify(await main(baseUrl))}\n`)
