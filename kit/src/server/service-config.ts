import { envString } from '../config/env';

/** Dev defaults let any process start alone; `npm start` passes one random secret to all of them. */
export const DEV_INTERNAL_SECRET = 'dev-internal-secret-change-me';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me';

export function internalSecret(env: NodeJS.ProcessEnv = process.env): string {
  return envString('INTERNAL_SECRET', DEV_INTERNAL_SECRET, env);
}

export function listenHost(env: NodeJS.ProcessEnv = process.env): string {
  return envString('HOST', '127.0.0.1', env);
}
