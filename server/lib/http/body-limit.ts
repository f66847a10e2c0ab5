/** The largest request body the API reads; every message and document about it is derived from this. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const bodyLimitText = `${BODY_LIMIT_BYTES / 1024} KiB`;
export const BODY_TOO_LARGE_MESSAGE = `The request body is larger than ${bodyLimitText}`;
export const BODY_TOO_LARGE_DESCRIPTION = `The body is larger than ${bodyLimitText}`;
