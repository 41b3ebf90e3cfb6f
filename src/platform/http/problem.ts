import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorCatalogue, type ErrorCode, type FieldError } from '../errors.ts';

/** RFC 9457 problem details, as every error leaves the server. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A stable URI per code; docs/errors.md explains each. */
export const problemType = (code: ErrorCode): string => `urn:sanxiang:error:${code}`;

/**
 * The problem document. The standard members come last, so that nothing in `extra` (a service's own
 * data, e.g. a field named `status`) can replace them.
 */
export function toProblem(err: AppError, instance: string): Problem {
  return {
    ...err.extra,
    ...(err.errors.length ? { errors: err.errors } : {}),
    type: problemType(err.code),
    title: err.title,
    status: err.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    instance,
  };
}

/** What Fastify itself refuses (before any route runs), said in Chinese. */
const fastifyErrors: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new AppError('PAYLOAD_TOO_LARGE', { detail: '请求内容超过了允许的大小，未处理' }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', {
      detail: '不支持该请求内容类型（Content-Type），请以 application/json 提交',
    }),
  FST_ERR_CTP_INVALID_JSON_BODY: () => invalidBody('请求内容不是有效的 JSON'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => invalidBody('请求内容为空，但声明为 JSON'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => invalidBody('请求内容的长度与 Content-Length 不符'),
  FST_ERR_BAD_URL: () => new AppError('BAD_REQUEST', { detail: '请求地址中含有无效的编码' }),
  FST_ERR_MAX_PARAM_LENGTH: () =>
    new AppError('URI_TOO_LONG', { detail: '请求地址中的参数过长，请检查链接是否完整正确' }),
  FST_ERR_NOT_FOUND: () => new AppError('NOT_FOUND', { detail: '没有这个接口地址' }),
};

const invalidBody = (message: string): AppError =>
  new AppError('BAD_REQUEST', { detail: message, errors: [{ path: 'body', message }] });

/** Maps whatever was thrown to an AppError; unknown failures become INTERNAL (logged, never shown). */
export function asAppError(err: unknown, request: FastifyRequest): AppError {
  if (err instanceof AppError) return err as AppError;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.flatMap((v) => {
      const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      // An unknown field is reported at the field itself, so the client can point at it.
      const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
      if (keys?.length) return keys.map((key) => ({ path: `${path}.${key}`, message: '不允许的字段' }));
      return [{ path, message: v.message ?? '格式不正确' }];
    });
    return new AppError('VALIDATION_FAILED', { errors });
  }
  const fastifyError = err as Partial<FastifyError>;
  const known = fastifyError.code ? fastifyErrors[fastifyError.code] : undefined;
  if (known) return known();
  const status = fastifyError.statusCode;
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 414) return fastifyErrors.FST_ERR_MAX_PARAM_LENGTH!();
  if (status === 415) return fastifyErrors.FST_ERR_CTP_INVALID_MEDIA_TYPE!();
  if (status === 429) return new AppError('RATE_LIMITED');
  // The JSON parser's own refusals (a syntax error, a `__proto__` key) carry 400 and an English message.
  if (status === 400 && err instanceof SyntaxError) return invalidBody('请求内容不是有效的 JSON');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status && status >= 400 && status < 500) {
    return new AppError('BAD_REQUEST', { detail: errorCatalogue.BAD_REQUEST.title });
  }
  request.log.error({ err }, 'unhandled error');
  return new AppError('INTERNAL');
}

/**
 * What Node itself refuses before there is a request to answer (headers over 16 KB, a request line it
 * cannot parse, a request that took too long): the raw HTTP response, problem+json like every other.
 */
export function clientErrorResponse(err: { code?: string }): string {
  const problem =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('HEADERS_TOO_LARGE', { detail: '请求头超过 16 KB（可能是 Cookie 过多），未处理' })
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError('REQUEST_TIMEOUT')
        : new AppError('BAD_REQUEST', { detail: '请求无法解析，未处理' });
  const body = JSON.stringify(toProblem(problem, ''));
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  return reply
    .status(err.status)
    .type('application/problem+json; charset=utf-8')
    .send(toProblem(err, reply.request.url.split('?')[0] ?? ''));
}
