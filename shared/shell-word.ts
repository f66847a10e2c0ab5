/**
 * Quotes one word for a POSIX shell, and for AWS credential_process, which the AWS SDK for
 * JavaScript runs through a shell and botocore splits like one: plain words stay bare (so the
 * text stays readable), anything else is single-quoted.
 */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
