import { subgraphPort } from '@b3/kit';

export interface AgentsConfig {
  port: number;
}

export function loadAgentsConfig(env: NodeJS.ProcessEnv = process.env): AgentsConfig {
  return { port: subgraphPort('agents', env) };
}
