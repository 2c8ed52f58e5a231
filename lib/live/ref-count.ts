/** Something started by its first user and stopped a grace period after its last one left. */
export type Shared = {
  /** Adds a user; the returned function removes it (calling it twice removes it once). */
  acquire(): () => void;
  readonly users: number;
  readonly running: boolean;
};

/**
 * A reload closes the page's connection and opens a new one a moment later: with a grace period, the
 * second connection finds the first one's watches still open instead of listing everything again.
 */
export function shared(start: () => void, stop: () => void, graceMs: number): Shared {
  let users = 0;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    acquire() {
      users++;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!running) {
        running = true;
        start();
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        users--;
        if (users > 0) return;
        timer = setTimeout(() => {
          timer = undefined;
          running = false;
          stop();
        }, graceMs);
      };
    },
    get users() {
      return users;
    },
    get running() {
      return running;
    },
  };
}
