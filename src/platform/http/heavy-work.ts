import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Heavy work, bounded per kind (issue 10 item 8; security sweep M6: 200 Excel exports at once held
 * `/healthz` for 7.6 s). A route opts in with `config: { heavy: 'excel' }`; its handler then runs only when
 * one of the kind's few slots is free, and waits in a short queue otherwise. When the queue is full too
 * the request is answered at once: 503 SERVER_BUSY, problem+json with `Retry-After`. Everything else
 * (`/healthz`, sign-in, the portal) never waits behind them.
 */
export type HeavyKind = 'excel' | 'pdf' | 'case-file' | 'verify';

/** At most `concurrency` at once, at most `queue` more waiting; `retryAfterSeconds` for the refused. */
export interface WorkBound {
  concurrency: number;
  queue: number;
  retryAfterSeconds: number;
}

/** For a server on a few cores: building a workbook or a zip is CPU on the event loop's thread. */
export const defaultWorkBounds: Record<HeavyKind, WorkBound> = {
  excel: { concurrency: 2, queue: 16, retryAfterSeconds: 5 },
  pdf: { concurrency: 1, queue: 4, retryAfterSeconds: 10 },
  'case-file': { concurrency: 1, queue: 4, retryAfterSeconds: 10 },
  verify: { concurrency: 1, queue: 2, retryAfterSeconds: 30 },
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The queues per kind, to read their state (running, waiting). */
    heavyWork: Record<HeavyKind, WorkQueue>;
  }
  interface FastifyContextConfig {
    /** The route's handler is heavy work of this kind (platform/http/heavy-work.ts). */
    heavy?: HeavyKind;
  }
}

export class QueueFull extends Error {}

/** A counting semaphore with a bounded queue of waiters, first come first served. */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly bound: Pick<WorkBound, 'concurrency' | 'queue'>) {}

  /** Runs `work` in a slot; throws QueueFull, without running it, when every slot and place is taken. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.bound.concurrency) this.running++;
    else if (this.waiting.length < this.bound.queue) {
      // The slot is handed over by the one finishing (release), so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else throw new QueueFull();
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get state(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

/**
 * Wraps the handler of every route added after this with `config.heavy` in its kind's queue. Call before
 * the routes are added (an onRoute hook). The queues are one per app (`app.heavyWork`): per process.
 */
export function boundHeavyWork(
  app: FastifyInstance,
  bounds: Partial<Record<HeavyKind, Partial<WorkBound>>> = {},
): Record<HeavyKind, WorkQueue> {
  const settings = (kind: HeavyKind): WorkBound => ({ ...defaultWorkBounds[kind], ...bounds[kind] });
  const kinds = Object.keys(defaultWorkBounds) as HeavyKind[];
  const queues = Object.fromEntries(kinds.map((k) => [k, new WorkQueue(settings(k))])) as Record<
    HeavyKind,
    WorkQueue
  >;
  app.decorate('heavyWork', queues);
  app.addHook('onRoute', (route) => {
    const kind = route.config?.heavy;
    if (!kind) return;
    const queue = queues[kind];
    const { retryAfterSeconds } = settings(kind);
    const handler = route.handler as (
      this: FastifyInstance,
      req: FastifyRequest,
      reply: FastifyReply,
    ) => unknown;
    route.handler = async function heavy(this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      try {
        return await queue.run(async () => handler.call(this, req, reply));
      } catch (err) {
        if (!(err instanceof QueueFull)) throw err;
        void reply.header('retry-after', String(retryAfterSeconds));
        throw new AppError('SERVER_BUSY', {
          detail: `同时进行的${heavyKindLabels[kind]}已达上限，请 ${retryAfterSeconds} 秒后再试`,
        });
      }
    };
  });
  return queues;
}

export const heavyKindLabels: Record<HeavyKind, string> = {
  excel: 'Excel 导出',
  pdf: 'PDF 生成',
  'case-file': '电子卷宗组卷与导出',
  verify: '记录日志校验',
};
