import { whyUnreachable } from '../unreachable.js';
import { CliError } from './cli-error.js';
import type { CliLogger } from './cli-logger.js';
import type { Credentials } from './credentials.js';

export type ApiParams = Record<string, string | string[]>;

export interface ApiResponse {
  status: number;
  body: unknown;
}

interface TwilioErrorBody {
  code?: number | string;
  message?: string;
  more_info?: string;
}

/** The twilio CLI's line for an API error: "Error code 20404 from Twilio: ... See <more_info> for more info." */
function errorMessage({ code, message, more_info }: TwilioErrorBody): string {
  const moreInfo = more_info ? `See ${more_info} for more info.` : '';
  return `Error code ${code || 'N/A'} from Twilio: ${message || 'No message provided'}. ${moreInfo}`;
}

function formOf(params: ApiParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, item);
  return search;
}

/**
 * Twilio's REST API on a running roomlab: paths of the specs (`/v1/Rooms`) on its origin, with HTTP Basic
 * auth, GET parameters in the query and POST ones form-encoded (arrays repeated), as the twilio CLI sends.
 */
export class ApiClient {
  constructor(
    private readonly target: URL,
    private readonly credentials: Credentials,
    private readonly userAgent: string,
    private readonly logger: CliLogger,
  ) {}

  /** A spec path on the target; a page URL the API answered (its own origin) moved onto the target. */
  urlOf(pathOrUrl: string): URL {
    const given = new URL(pathOrUrl, 'http://path.invalid');
    const base = this.target.pathname.replace(/\/$/, '');
    return new URL(`${base}${given.pathname}${given.search}`, this.target);
  }

  async request(method: 'GET' | 'POST' | 'DELETE', url: URL, params: ApiParams = {}): Promise<ApiResponse> {
    const search = formOf(params);
    const post = method === 'POST';
    if (!post) for (const [name, value] of search) url.searchParams.append(name, value);
    this.logger.debug(`${method} ${url}${post ? ` ${search}` : ''}`);
    const response = await this.send(url, {
      method,
      headers: this.headers(post),
      ...(post ? { body: search.toString() } : {}),
    });
    const text = await response.text();
    const body = text ? this.parsed(text, response.status) : undefined;
    if (response.status < 200 || response.status >= 400) {
      const error = (body ?? {}) as TwilioErrorBody;
      throw new CliError(errorMessage(error), error.code, body);
    }
    return { status: response.status, body };
  }

  private headers(post: boolean): Record<string, string> {
    const { username, password } = this.credentials;
    return {
      Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      Accept: 'application/json',
      'Accept-Charset': 'utf-8',
      'User-Agent': this.userAgent,
      ...(post ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    };
  }

  private async send(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      throw new CliError(
        `cannot reach roomlab at ${this.target.origin} (${whyUnreachable(error)}): is "roomlab start" running there? ` +
          '(--url or ROOMLAB_URL say where it is)',
      );
    }
  }

  private parsed(text: string, status: number): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw new CliError(
        `${this.target.origin} answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`,
      );
    }
  }
}
