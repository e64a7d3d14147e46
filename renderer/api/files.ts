// Browser mode's file routes (service/http-server.ts): upload a data file for import, download a report.
// Electron has neither (it uses the file system through dialogs), so both say so plainly there.
import { ApiCallError, type ApiError } from '../../service/contract.js';
import { tokenFromLocation } from './http-client.js';
import { errorText } from '../i18n/error-text.js';

function browserOnly(): void {
  if (window.zonetrack) throw new ApiCallError({ code: 'BROWSER_ONLY', message: errorText('browserOnly') });
}

async function failure(response: Response): Promise<ApiCallError> {
  try {
    const body = (await response.json()) as { error?: ApiError };
    if (body.error) return new ApiCallError(body.error);
  } catch { /* not JSON: fall through */ }
  return new ApiCallError({ code: 'HTTP', message: errorText('http', { status: response.status }) });
}

export interface Uploaded {
  path: string;
  name: string;
  size: number;
}

/** Streams one file to the server's upload folder; resolves to where the server keeps it. */
export async function uploadFile(file: File): Promise<Uploaded> {
  browserOnly();
  let response: Response;
  try {
    response = await fetch('/upload', {
      method: 'POST',
      headers: { 'X-ZoneTrack-Token': tokenFromLocation(), 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiCallError({ code: 'NETWORK', message: errorText('uploadFailed', { name: file.name }) });
  }
  if (!response.ok) throw await failure(response);
  return ((await response.json()) as { result: Uploaded }).result;
}

/** Fetches a generated report and hands it to the browser as a download named like the file. */
export async function downloadReport(path: string): Promise<void> {
  browserOnly();
  const response = await fetch('/download', {
    method: 'POST',
    headers: { 'X-ZoneTrack-Token': tokenFromLocation(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ path }),
  });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = path.split(/[\\/]/).pop() ?? 'report';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
