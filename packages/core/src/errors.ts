/**
 * Twilio's error catalogue, as far as Video and its REST API use it. Every error the emulator answers
 * comes from here, so a code always carries the HTTP status and wording Twilio gives it.
 */
export interface TwilioErrorInfo {
  readonly status: number;
  readonly message: string;
}

export const twilioErrorCatalog = {
  20001: { status: 400, message: 'Invalid parameter' },
  20003: { status: 401, message: 'Authentication Error - invalid username or password' },
  20004: { status: 405, message: 'Method not allowed' },
  20404: { status: 404, message: 'The requested resource was not found' },
  20413: { status: 413, message: 'Request entity too large' },
  20429: { status: 429, message: 'Too Many Requests' },
  20500: { status: 500, message: 'Internal Server Error' },
  20503: { status: 503, message: 'Service unavailable' },
  20101: { status: 401, message: 'Invalid Access Token' },
  20102: { status: 401, message: 'Invalid Access Token header' },
  20103: { status: 401, message: 'Invalid Access Token issuer/subject' },
  20104: { status: 401, message: 'Access Token expired or expiration date invalid' },
  20105: { status: 401, message: 'Access Token not yet valid' },
  20106: { status: 401, message: 'Invalid Access Token grants' },
  20107: { status: 401, message: 'Invalid Access Token signature' },
  20157: { status: 401, message: 'Access Token time to live exceeds the maximum of 24 hours' },
  53000: { status: 400, message: 'Signaling connection error' },
  53001: { status: 400, message: 'Signaling connection disconnected' },
  53002: { status: 400, message: 'Signaling connection timed out' },
  53003: { status: 400, message: 'Client received an invalid signaling message' },
  53004: { status: 400, message: 'Client sent an invalid signaling message' },
  53006: { status: 503, message: 'Video server is busy' },
  53100: { status: 400, message: 'Room name is invalid' },
  53101: { status: 400, message: 'Room name is too long' },
  53102: { status: 400, message: 'Room name contains invalid characters' },
  53103: { status: 400, message: 'Unable to create Room' },
  53104: { status: 400, message: 'Unable to connect to Room' },
  53105: { status: 400, message: 'Room contains too many Participants' },
  53106: { status: 404, message: 'Room not found' },
  53107: { status: 400, message: 'MaxParticipants is out of range' },
  53108: { status: 400, message: 'RoomType is not valid' },
  53109: { status: 400, message: 'Timeout is out of range' },
  53110: { status: 400, message: 'StatusCallbackMethod is invalid' },
  53111: { status: 400, message: 'StatusCallback is invalid' },
  53112: { status: 400, message: 'Status is invalid' },
  53113: { status: 400, message: 'Room exists' },
  53114: { status: 400, message: 'Room creation parameter(s) incompatible with the Room type' },
  53115: { status: 400, message: 'MediaRegion is invalid' },
  53117: { status: 400, message: 'The subscription operation requested is not supported for the Room type' },
  53118: { status: 400, message: 'Room completed' },
  53120: { status: 400, message: 'Invalid Recording Rule(s)' },
  53123: { status: 400, message: 'MaxParticipantDuration is out of range' },
  53124: { status: 400, message: 'The AudioOnly flag is not supported for the Room type' },
  53125: { status: 400, message: 'The track kind is not supported by the Room' },
  53200: { status: 400, message: 'Participant identity is invalid' },
  53201: { status: 400, message: 'Participant identity is too long' },
  53202: { status: 400, message: 'Participant identity contains invalid characters' },
  53203: {
    status: 400,
    message: 'The maximum number of published tracks allowed in the Room at the same time has been reached',
  },
  53204: { status: 404, message: 'Participant not found' },
  53205: { status: 400, message: 'Participant disconnected because of duplicate identity' },
  53209: { status: 400, message: 'Participant status is invalid' },
  53215: { status: 400, message: 'Invalid Subscribe Rule(s)' },
  53216: { status: 400, message: 'Participant disconnected: MaxParticipantDuration reached' },
  53300: { status: 400, message: 'Track is invalid' },
  53301: { status: 400, message: 'Track name is invalid' },
  53302: { status: 400, message: 'Track name is too long' },
  53303: { status: 400, message: 'Track name contains invalid characters' },
  53304: { status: 400, message: 'Track name is duplicated' },
  53626: { status: 500, message: 'Internal failure while processing media composition' },
  53628: { status: 400, message: 'Room recordings deleted' },
  53630: { status: 400, message: 'Empty track list for composition' },
} as const satisfies Record<number, TwilioErrorInfo>;

export type TwilioErrorCode = keyof typeof twilioErrorCatalog;

/** An error as Twilio reports it: a numeric code, an HTTP status and a sentence. */
export class TwilioError extends Error {
  override readonly name = 'TwilioError';
  readonly code: TwilioErrorCode;
  readonly status: number;

  constructor(code: TwilioErrorCode, message?: string, status?: number) {
    const info: TwilioErrorInfo = twilioErrorCatalog[code];
    super(message ?? info.message);
    this.code = code;
    this.status = status ?? info.status;
  }

  get moreInfo(): string {
    return `https://www.twilio.com/docs/errors/${this.code}`;
  }

  /** The JSON body Twilio's REST API answers with. */
  toJSON(): { code: number; message: string; more_info: string; status: number } {
    return { code: this.code, message: this.message, more_info: this.moreInfo, status: this.status };
  }
}

export function isTwilioError(error: unknown): error is TwilioError {
  return error instanceof TwilioError;
}
