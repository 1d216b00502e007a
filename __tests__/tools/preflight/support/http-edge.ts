import { Readable } from 'node:stream';
import { sessionClients, type SessionClients } from '../../../../tools/preflight/aws-session';

/** One request as it reached the edge: the host and the Action (query protocols) or target (JSON protocols). */
export interface EdgeRequest {
  readonly host: string;
  readonly action: string;
  readonly body: string;
}

export interface EdgeResponse {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

interface HttpRequestLike {
  readonly hostname: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly query?: Record<string, string | string[] | null>;
}

/**
 * Real SDK v3 clients whose HTTP handler is replaced: every request is answered by `answer`, as
 * AWS's servers would answer it (status and XML or JSON body). Serialization, signing, error parsing
 * and retries are the SDK's own. Only the network is gone.
 */
export function edgeClients(answer: (request: EdgeRequest) => EdgeResponse): {
  readonly clients: SessionClients;
  readonly requests: EdgeRequest[];
} {
  // The SDK's "node >=22 from 2027" notice, as the tools silence it (tools/aws/clients.ts).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const requests: EdgeRequest[] = [];
  const requestHandler = {
    handle: async (request: HttpRequestLike) => {
      const body = typeof request.body === 'string' ? request.body : '';
      const action =
        /(?:^|&)Action=([^&]+)/.exec(body)?.[1] ??
        request.headers['x-amz-target'] ??
        (typeof request.query?.['list-type'] === 'string' ? 'ListObjectsV2' : 'unknown');
      const seen = { host: request.hostname, action, body };
      requests.push(seen);
      const response = answer(seen);
      return {
        response: {
          statusCode: response.status,
          reason: '',
          headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'test', ...response.headers },
          body: Readable.from([Buffer.from(response.body)]),
        },
      };
    },
  };
  const clients = sessionClients({
    region: 'eu-west-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    ...({ requestHandler } as object),
  });
  return { clients, requests };
}

/** The XML error body of the query protocols (STS, IAM). */
export function queryError(code: string, message: string, type = 'Sender'): string {
  return `<ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>test</RequestId></ErrorResponse>`;
}
