// A small typed event emitter (no node:events: the in-process queue runs wherever fetch does).
export class Emitter<Events> {
  readonly #listeners = new Map<keyof Events, Set<(event: never) => void>>()

  on<E extends keyof Events>(name: E, listener: (event: Events[E]) => void): void {
    const set = this.#listeners.get(name) ?? new Set()
    set.add(listener as (event: never) => void)
    this.#listeners.set(name, set)
  }

  off<E extends keyof Events>(name: E, listener: (event: Events[E]) => void): void {
    this.#listeners.get(name)?.delete(listener as (event: never) => void)
  }

  count(name: keyof Events): number {
    return this.#listeners.get(name)?.size ?? 0
  }

  /** Calls every listener; one that throws does not stop the others or the queue. */
  emit<E extends keyof Events>(name: E, event: Events[E]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        ;(listener as (event: Events[E]) => void)(event)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
}
