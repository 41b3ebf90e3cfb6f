import { sealPendingDocuments } from './document-seal.service.ts';
import type { DocumentsDeps } from './documents.service.ts';

export interface DocumentSealer {
  /**
   * Seals what is pending. During a run it asks for one more run after it (never a second beside it), so
   * nothing integrated meanwhile waits for the next integration. Resolves when the runs it joined are
   * done; errors go to `onError`, never to the caller.
   */
  run(): Promise<void>;
}

/**
 * The server's document sealer: after each integration, seals the documents whose issue entries just
 * entered the tree (documents.service.ts, step 2).
 */
export function documentSealer(deps: DocumentsDeps, onError: (err: unknown) => void): DocumentSealer {
  let current: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    try {
      do {
        again = false;
        await sealPendingDocuments(deps);
      } while (again);
    } catch (err) {
      onError(err);
    } finally {
      current = null;
    }
  };
  return {
    run: () => {
      if (current) again = true;
      else current = loop();
      return current;
    },
  };
}
