import { version } from '../../version.js';
import type { CommandResult } from '../command-result.js';
import { targetUrl } from '../target.js';
import { ApiClient, type ApiParams } from './api-client.js';
import { flagName } from './api-flags.js';
import type { ApiOperation } from './api-operations.js';
import { CliError } from './cli-error.js';
import { CliLogger, type LogLevel } from './cli-logger.js';
import { credentialsFromEnvironment } from './credentials.js';
import { type OutputFormat, printOutput } from './output-formats.js';
import { valueProblems } from './parameter-check.js';
import { convertedValue, responseSchema } from './response-conversion.js';

/** The flags every api command has (the twilio CLI's), besides its parameters'. */
export interface CommonOptions {
  cliOutputFormat: OutputFormat;
  output?: OutputFormat;
  cliLogLevel: LogLevel;
  silent?: boolean;
  properties?: string;
  header?: boolean;
  limit?: string | false;
  skipParameterValidation?: boolean;
  url?: string;
}

/** The values given to an operation's flags, by flag name (`room-sid`). */
export type FlagValues = Record<string, unknown>;

/** The twilio CLI checks every value before it sends anything, and names each flag that is wrong. */
function checkFlags(operation: ApiOperation, values: FlagValues, logger: CliLogger): void {
  const problems = operation.parameters.flatMap((parameter) => {
    const value = values[flagName(parameter)];
    if (value === undefined) return [];
    return valueProblems(operation.spec, parameter.schema, value).map(
      (problem) => `  ${flagName(parameter)}: ${problem}`,
    );
  });
  if (problems.length === 0) return;
  logger.error('Flag value validation errors:');
  for (const problem of problems) logger.error(problem);
  throw new CliError('Cannot execute command');
}

function paramValue(value: unknown): string | string[] {
  return Array.isArray(value) ? value.map(String) : String(value);
}

/** The request's path (its `{Params}` filled in, v2010's AccountSid from the credentials) and parameters. */
function requestOf(operation: ApiOperation, values: FlagValues, accountSid: string) {
  const params: ApiParams = {};
  for (const parameter of operation.parameters) {
    const value = values[flagName(parameter)];
    if (parameter.in === 'query' && value !== undefined) params[parameter.name] = paramValue(value);
  }
  const path = operation.path.replace(/{(.+?)}/g, (_, name: string) => {
    const parameter = operation.parameters.find(
      (candidate) => candidate.name === name && candidate.in === 'path',
    );
    const value = parameter ? values[flagName(parameter)] : undefined;
    return encodeURIComponent(String(value ?? (name === 'AccountSid' ? accountSid : '')));
  });
  return { path, params };
}

/** A list page's items: its one array property (`rooms`, `participants`...), as the twilio CLI finds them. */
function pageItems(body: unknown): unknown[] {
  const arrays = Object.values((body ?? {}) as object).filter(Array.isArray);
  return arrays.length === 1 ? (arrays[0] as unknown[]) : [];
}

function nextPageOf(body: unknown): string | undefined {
  const page = (body ?? {}) as { meta?: { nextPageUrl?: string }; nextPageUri?: string };
  return page.meta?.nextPageUrl ?? page.nextPageUri ?? undefined;
}

function limitOf(options: CommonOptions): number | undefined {
  return options.limit === false || options.limit === undefined ? undefined : Number(options.limit);
}

class OperationRun {
  constructor(
    private readonly operation: ApiOperation,
    private readonly client: ApiClient,
    private readonly options: CommonOptions,
    private readonly logger: CliLogger,
  ) {}

  private converted(status: number, body: unknown): unknown {
    const schema = responseSchema(
      this.operation.spec.paths[this.operation.path]?.[this.operation.method]?.responses ?? {},
      status,
    );
    return schema ? convertedValue(this.operation.spec, schema, body) : body;
  }

  /** Pages until `--limit` items are in (50 unless told), or until there is no next page. */
  async list(path: string, params: ApiParams): Promise<unknown[]> {
    const limit = limitOf(this.options);
    if (limit !== undefined && Number(params.PageSize) > limit) params.PageSize = String(limit);
    const items: unknown[] = [];
    let url: URL | undefined = this.client.urlOf(path);
    let query = params;
    while (url) {
      const { status, body } = await this.client.request('GET', url, query);
      const page = this.converted(status, body);
      items.push(...pageItems(page));
      if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
      const next = nextPageOf(page);
      url = next ? this.client.urlOf(next) : undefined;
      query = {};
    }
    return items;
  }

  async run(path: string, params: ApiParams): Promise<void> {
    const { action, method } = this.operation;
    if (action === 'list') return this.print(await this.list(path, params));
    const { status, body } = await this.client.request(
      method === 'get' ? 'GET' : method === 'post' ? 'POST' : 'DELETE',
      this.client.urlOf(path),
      params,
    );
    if (action === 'remove')
      return this.logger.info(
        status === 204 ? 'The resource was deleted successfully' : 'Failed to delete the resource',
      );
    this.print(this.converted(status, body));
  }

  private print(data: unknown): void {
    printOutput(
      data,
      {
        format: this.options.silent ? 'none' : (this.options.output ?? this.options.cliOutputFormat),
        properties: this.options.properties,
        showHeaders: this.options.header !== false,
      },
      this.logger,
    );
  }
}

/**
 * Runs one operation as the twilio CLI's `TwilioApiCommand` does: checks the flags, sends the request,
 * prints the answer; an error is printed as it prints one, with its exit code.
 */
export async function runApiOperation(
  operation: ApiOperation,
  values: FlagValues,
  options: CommonOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  const logger = new CliLogger(options.silent ? 'none' : options.cliLogLevel);
  const target = targetUrl(options.url, env);
  try {
    if (!options.skipParameterValidation) checkFlags(operation, values, logger);
    const credentials = credentialsFromEnvironment(env);
    const client = new ApiClient(
      target,
      credentials,
      `roomlab/${version} (node.js ${process.version}) ${operation.id}`,
      logger,
    );
    const { path, params } = requestOf(operation, values, credentials.accountSid);
    await new OperationRun(operation, client, options, logger).run(path, params);
    return { exitCode: 0 };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const format = options.output ?? options.cliOutputFormat;
    if (format === 'json' && error.data !== undefined && !options.silent)
      process.stdout.write(`${JSON.stringify([error.data], null, 2)}\n`);
    else logger.error(error.message);
    return { exitCode: error.exitCode };
  }
}
