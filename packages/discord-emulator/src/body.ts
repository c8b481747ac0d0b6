import { DiscordApiError } from './errors';
import type { UploadedFile } from './router';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

const FILE_FIELD = /^files\[(\d+)\]$/;

/**
 * Parses a JSON or multipart body the way Discord reads it: multipart carries the JSON in
 * `payload_json` (or as plain fields) and files in `files[n]`.
 */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = contentType ?? '';
  if (type.startsWith('multipart/form-data')) return parseMultipart(raw, type);
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new DiscordApiError(400, 50035, 'Invalid Form Body');
  }
  const files: UploadedFile[] = [];
  let body: Record<string, unknown> | undefined;
  const plainFields: Record<string, unknown> = {};
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = parseJson(value) as Record<string, unknown>;
      else plainFields[field] = value;
      continue;
    }
    const indexMatch = FILE_FIELD.exec(field);
    files.push({
      field,
      index: indexMatch?.[1] === undefined ? null : Number(indexMatch[1]),
      filename: value.name,
      contentType: value.type || 'application/octet-stream',
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  // `appendToFormData` in @discordjs/rest spreads the body into plain fields instead of payload_json.
  return { body: body ?? (Object.keys(plainFields).length > 0 ? plainFields : undefined), files };
}
