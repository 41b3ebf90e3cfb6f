import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * Digests computed on a worker thread, so that hashing (SM3 runs at about a fifth of SHA-256's speed in
 * OpenSSL) goes on beside the upload's network and disk work instead of in its way. Bytes are copied into
 * 1 MiB batches whose buffers are transferred to the worker and back, and at most a few are in flight:
 * memory stays constant however large the file, and a slow hash holds the upload back instead of
 * queueing it.
 */

/** A file's SHA-256 and SM3 (GB/T 32905-2016), lowercase hex. */
export interface FileDigests {
  sha256: string;
  sm3: string;
}

export interface StreamHash {
  /** Resolves once the bytes are taken (waiting while the worker is behind). */
  update(chunk: Uint8Array): Promise<void>;
  /** The hex digests; the worker exits. */
  digest(): Promise<FileDigests>;
  /** Stops the worker without a digest (a failed upload). */
  abort(): Promise<void>;
}

// Plain CommonJS, evaluated: the worker needs no TypeScript loader.
const workerSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const sha256 = createHash('sha256');
const sm3 = createHash('sm3');
parentPort.on('message', (message) => {
  if (message === null) {
    parentPort.postMessage({ digest: { sha256: sha256.digest('hex'), sm3: sm3.digest('hex') } });
    return;
  }
  const bytes = new Uint8Array(message.buffer, 0, message.length);
  sha256.update(bytes);
  sm3.update(bytes);
  parentPort.postMessage({ buffer: message.buffer }, [message.buffer]);
});
`;

const BATCH_BYTES = 1024 * 1024;
const MAX_IN_FLIGHT = 4;

type FromWorker = { buffer: ArrayBuffer } | { digest: FileDigests };

export function hashOnThread(): StreamHash {
  const worker = new Worker(workerSource, { eval: true });
  const free: ArrayBuffer[] = [];
  let inFlight = 0;
  let batch: Uint8Array | null = null;
  let filled = 0;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let pending: { resolve: (digest: FileDigests) => void; reject: (err: Error) => void } | null = null;
  let digested = false;

  const fail = (err: Error) => {
    failure ??= err;
    wake?.();
    pending?.reject(err);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!digested) fail(new Error(`the hashing worker exited (${code})`));
  });
  worker.on('message', (message: FromWorker) => {
    if ('digest' in message) {
      digested = true;
      pending?.resolve(message.digest);
      return;
    }
    free.push(message.buffer);
    inFlight--;
    const resume = wake;
    wake = null;
    resume?.();
  });

  const check = () => {
    if (failure) throw failure;
  };

  async function send(): Promise<void> {
    while (inFlight >= MAX_IN_FLIGHT) {
      check();
      await new Promise<void>((resolve) => (wake = resolve));
    }
    check();
    if (!batch) return;
    worker.postMessage({ buffer: batch.buffer, length: filled }, [batch.buffer as ArrayBuffer]);
    inFlight++;
    batch = null;
    filled = 0;
  }

  return {
    async update(chunk) {
      for (let offset = 0; offset < chunk.length;) {
        batch ??= new Uint8Array(free.pop() ?? new ArrayBuffer(BATCH_BYTES));
        const n = Math.min(chunk.length - offset, BATCH_BYTES - filled);
        batch.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === BATCH_BYTES) await send();
      }
    },
    async digest() {
      if (filled > 0) await send();
      check();
      const digest = new Promise<FileDigests>((resolve, reject) => (pending = { resolve, reject }));
      worker.postMessage(null);
      try {
        return await digest;
      } finally {
        await worker.terminate();
      }
    },
    async abort() {
      await worker.terminate();
    },
  };
}

/** The same, on this thread: for small files, where starting a thread costs more than it saves. */
export function hashInline(): StreamHash {
  const sha256 = createHash('sha256');
  const sm3 = createHash('sm3');
  return {
    update: async (chunk) => {
      sha256.update(chunk);
      sm3.update(chunk);
    },
    digest: async () => ({ sha256: sha256.digest('hex'), sm3: sm3.digest('hex') }),
    abort: async () => {},
  };
}
