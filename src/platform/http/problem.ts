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

export function toProblem(err: AppError, instance: string): Problem {
  return {
    type: problemType(err.code),
    title: err.title,
    status: err.status,
    code: err.code,
    ...(err.detail ? { detail: err.detail } : {}),
    instance,
    ...(err.errors.length ? { errors: err.errors } : {}),
    ...err.extra,
  };
}

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
  if (fastifyError.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (fastifyError.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError(fastifyError.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', {
      detail: errorCatalogue.BAD_REQUEST.title,
    });
  }
  request.log.error({ err }, 'unhandled error');
  return new AppError('INTERNAL');
}

export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  return reply
    .status(err.status)
    .type('application/problem+json; charset=utf-8')
    .send(toProblem(err, reply.request.url.split('?')[0] ?? ''));
}
