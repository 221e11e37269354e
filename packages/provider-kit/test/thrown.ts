// For a provider package's tests: what a call throws, as a message, so that two ways of making
// a client can be held to the same refusal.

/** The message of the error `make` throws, or 'no error'. */
export function thrownMessage(make: () => unknown): string {
  try {
    make()
  } catch (error) {
    return (error as Error).message
  }
  return 'no error'
}
