// Both transports answer with the contract's Envelope: the result, or an error that becomes an ApiCallError.
import { ApiCallError } from '../../service/contract.js';
import type { Envelope } from '../../service/contract.js';

export function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.result;
}
