import path from 'node:path';
import { z } from 'zod';

/** A limit per client address: at most `max` requests in each fixed window of `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const windowUnits = { s: 1000, min: 60_000, h: 3600_000 } as const;

/** `60/10min`: 60 requests per 10 minutes (units s, min, h). */
const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): RateLimit => {
      const m = /^(\d{1,9})\/(\d{1,6})(s|min|h)$/.exec(text.trim());
      if (!m) {
        ctx.addIssue({ code: 'custom', message: '格式应为“次数/时长”，如 60/10min、5/1h、120/1min' });
        return z.NEVER;
      }
      const [, max, n, unit] = m as unknown as [string, string, string, keyof typeof windowUnits];
      return { max: Number(max), windowMs: Number(n) * windowUnits[unit] };
    });

const seconds = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Typed configuration, read once from the environment. See the configuration table in README.md. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session cookies carry `Secure` (browsers accept it on http://localhost too); `false` only behind odd proxies. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  /**
   * The record log's checkpoint origin (C2SP tlog-checkpoint): the log's public URL prefix without the
   * scheme, e.g. `zfj.example.gov.cn/log`. Unset: the name of the signing key (see docs/record-log.md).
   */
  LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, '不能含空白或“+”（它也是签名密钥的名称）')
    .optional(),
  /**
   * The record log's Ed25519 signing key, `PRIVATE+KEY+<name>+<id>+<base64>` (two, separated by white
   * space, while rotating). Unset: DATA_DIR/log-signing.key.
   */
  LOG_SIGNING_KEY: z.string().startsWith('PRIVATE+KEY+').optional(),
  /**
   * The key that MACs every entry the application stages for the record log (HMAC-SHA256, 32 bytes in
   * base64). The database never holds it. Unset: DATA_DIR/log-staging.key (see docs/record-log.md).
   */
  LOG_STAGING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, '应为 32 字节密钥的 base64（44 个字符）')
    .optional(),
  /**
   * This instance's public base URL (`https://zfj.example.gov.cn`), where its portal, `/log/` and
   * `/county/push-key` are reached: what `sanxiang upstream pairing-info` gives the county platform.
   */
  PUBLIC_URL: z.string().url().optional(),
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Sign-in attempts per client address (the account's own lockout comes on top). */
  RATE_LIMIT_SIGN_IN: rateLimit('60/10min'),
  /** Public correction requests per client address (公示规定 §12: the one write anyone may make). */
  RATE_LIMIT_CORRECTIONS: rateLimit('5/1h'),
  /** Public lookups (certificates, verification codes, publication and power searches, working days). */
  RATE_LIMIT_LOOKUPS: rateLimit('120/1min'),
  /** A request whose headers or body stop arriving for this long is cut (a stalled upload, slowloris). */
  HTTP_IDLE_TIMEOUT_SECONDS: seconds(30, 3600),
  /** The whole request (headers and body, e.g. a large video on a slow line) must arrive within this. */
  HTTP_REQUEST_TIMEOUT_SECONDS: seconds(1800, 24 * 3600),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  cookieSecure: boolean;
  sessionHours: number;
  logOrigin: string | undefined;
  logSigningKey: string | undefined;
  logStagingKey: string | undefined;
  publicUrl: string | undefined;
  rateLimits: { signIn: RateLimit; corrections: RateLimit; lookups: RateLimit };
  http: { idleTimeoutMs: number; requestTimeoutMs: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`配置错误 (configuration error):\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === 'true',
    sessionHours: e.SESSION_HOURS,
    logOrigin: e.LOG_ORIGIN,
    logSigningKey: e.LOG_SIGNING_KEY,
    logStagingKey: e.LOG_STAGING_KEY,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    rateLimits: {
      signIn: e.RATE_LIMIT_SIGN_IN,
      corrections: e.RATE_LIMIT_CORRECTIONS,
      lookups: e.RATE_LIMIT_LOOKUPS,
    },
    http: {
      idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    },
  };
}
