/** One entry of Discord's nested `errors` tree: `{ field: { _errors: [...] } }`. */
export interface DiscordFieldError {
  code: string;
  message: string;
}

export type DiscordErrorTree = { _errors?: DiscordFieldError[] } & {
  [key: string]: DiscordErrorTree | DiscordFieldError[] | undefined;
};

/** Body of a Discord JSON error response. */
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: DiscordErrorTree;
}

/**
 * An error the REST layer turns into a Discord-shaped response. Thrown from route handlers so that
 * every rejection goes through one path and carries Discord's status and numeric code.
 */
export class DiscordApiError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: number,
    message: string,
    public readonly errors?: DiscordErrorTree,
  ) {
    super(message);
    this.name = 'DiscordApiError';
  }

  public toBody(): DiscordErrorBody {
    return this.errors === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, errors: this.errors };
  }

  public static invalidFormBody(errors: DiscordErrorTree): DiscordApiError {
    return new DiscordApiError(400, 50035, 'Invalid Form Body', errors);
  }

  public static unauthorized(): DiscordApiError {
    return new DiscordApiError(401, 0, '401: Unauthorized');
  }

  public static missingPermissions(): DiscordApiError {
    return new DiscordApiError(403, 50013, 'Missing Permissions');
  }

  public static missingAccess(): DiscordApiError {
    return new DiscordApiError(403, 50001, 'Missing Access');
  }

  public static alreadyAcknowledged(): DiscordApiError {
    return new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.');
  }

  public static unknownInteraction(): DiscordApiError {
    return new DiscordApiError(404, 10062, 'Unknown interaction');
  }

  /** What Discord answers when an interaction token has expired (15 min) or never existed. */
  public static invalidWebhookToken(): DiscordApiError {
    return new DiscordApiError(401, 50027, 'Invalid Webhook Token');
  }

  public static unknown(kind: UnknownKind): DiscordApiError {
    const [code, label] = UNKNOWN_CODES[kind];
    return new DiscordApiError(404, code, `Unknown ${label}`);
  }

  /** A file above the upload limit of where it is sent. */
  public static entityTooLarge(): DiscordApiError {
    return new DiscordApiError(413, 40005, 'Request entity too large');
  }

  public static notFound(): DiscordApiError {
    return new DiscordApiError(404, 0, '404: Not Found');
  }

  public static methodNotAllowed(): DiscordApiError {
    return new DiscordApiError(405, 0, '405: Method Not Allowed');
  }
}

export type UnknownKind =
  'application' | 'channel' | 'guild' | 'member' | 'message' | 'role' | 'user' | 'webhook';

const UNKNOWN_CODES: Record<UnknownKind, [number, string]> = {
  application: [10002, 'Application'],
  channel: [10003, 'Channel'],
  guild: [10004, 'Guild'],
  member: [10007, 'Member'],
  message: [10008, 'Message'],
  role: [10011, 'Role'],
  user: [10013, 'User'],
  webhook: [10015, 'Webhook'],
};

/** Misuse of the control API (bad arguments, unknown ids); answered with 4xx on `/__control`. */
export class EmulatorControlError extends Error {
  public constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorControlError';
  }
}
