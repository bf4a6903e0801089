/** Input the run cannot work with (bad URL, unreachable or non-HTML index, archive in use): exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, partial: 1, input: 2, write: 3, interrupted: 130 } as const;
