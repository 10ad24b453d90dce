/**
 * Durable key-value storage for the outbox. OfficeRuntime.storage is shared by the task
 * pane and the command runtime (and is the only storage classic Outlook's JavaScript-only
 * runtime has), so it wins where present; a plain browser falls back to localStorage.
 */
export interface KeyValueStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export type StorageKind = 'officeRuntime' | 'localStorage' | 'memory';

function officeRuntimeStorage(): OfficeRuntime.Storage | null {
  if (typeof OfficeRuntime === 'undefined') return null;
  return OfficeRuntime.storage ?? null;
}

function browserLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Some sandboxed frames throw on merely touching localStorage.
    return null;
  }
}

export function createDefaultStorage(): { kind: StorageKind; storage: KeyValueStorage } {
  const runtime = officeRuntimeStorage();
  if (runtime) {
    return {
      kind: 'officeRuntime',
      storage: {
        getItem: (key) => runtime.getItem(key),
        setItem: (key, value) => runtime.setItem(key, value),
        removeItem: (key) => runtime.removeItem(key),
      },
    };
  }
  const local = browserLocalStorage();
  if (local) {
    return {
      kind: 'localStorage',
      storage: {
        getItem: async (key) => local.getItem(key),
        setItem: async (key, value) => local.setItem(key, value),
        removeItem: async (key) => local.removeItem(key),
      },
    };
  }
  return { kind: 'memory', storage: createMemoryStorage() };
}

/** Not durable: the last resort, and a convenient fake for tests. */
export function createMemoryStorage(initial?: Record<string, string>): KeyValueStorage {
  const values = new Map<string, string>(Object.entries(initial ?? {}));
  return {
    getItem: async (key) => values.get(key) ?? null,
    setItem: async (key, value) => {
      values.set(key, value);
    },
    removeItem: async (key) => {
      values.delete(key);
    },
  };
}
