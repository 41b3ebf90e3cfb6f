import path from 'node:path';
import { z } from 'zod';

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
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
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
  };
}
