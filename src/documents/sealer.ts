import { sealPendingDocuments, type DocumentsDeps } from './documents.service.ts';

/**
 * The server's document sealer: after each integration, seals the documents whose issue entries just
 * entered the tree (documents.service.ts, step 2). One run at a time; a call during a run asks for one
 * more run after it, so nothing integrated meanwhile waits for the next integration.
 */
export function documentSealer(deps: DocumentsDeps, onError: (err: unknown) => void): { run(): void } {
  let running = false;
  let again = false;
  const loop = async () => {
    running = true;
    try {
      do {
        again = false;
        await sealPendingDocuments(deps);
      } while (again);
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  return {
    run: () => {
      if (running) again = true;
      else void loop();
    },
  };
}
