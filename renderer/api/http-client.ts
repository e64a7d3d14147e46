// The ApiClient of browser mode: POST /api/<operation> with the per-launch token from the page URL.
// Browser code only — types come from the contract, nothing from the Node side runs here.
import { ApiCallError } from '../../service/contract.js';
import type { ApiClient, Args, Envelope, OperationName, Result } from '../../service/contract.js';
import { unwrap } from './envelope.js';

export function tokenFromLocation(search: string = location.search): string {
  return new URLSearchParams(search).get('token') ?? '';
}

export function createHttpClient(options: { token?: string; baseUrl?: string } = {}): ApiClient {
  const token = options.token ?? tokenFromLocation();
  const baseUrl = options.baseUrl ?? '';
  return {
    async call<N extends OperationName>(name: N, args: Args<N>): Promise<Result<N>> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-ZoneTrack-Token': token },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw new ApiCallError({ code: 'NETWORK', message: '无法连接到 ZoneTrack 服务，请确认启动它的命令行窗口仍在运行' });
      }
      let envelope: Envelope<Result<N>>;
      try {
        envelope = (await response.json()) as Envelope<Result<N>>;
      } catch {
        throw new ApiCallError({ code: 'BAD_RESPONSE', message: `服务返回了无法识别的响应（HTTP ${response.status}）` });
      }
      return unwrap(envelope);
    },
  };
}
