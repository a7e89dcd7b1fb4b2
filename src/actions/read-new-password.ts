import type { InputReader } from '../domain/input.ts';

/** readNewPassword reads a new password and its repetition (`<field>Again`), naming the second when they differ. */
export function readNewPassword(input: InputReader, field: string): string | null {
  const password = input.text(field, { max: 200, min: 10, required: true });
  const confirm = input.text(`${field}Again`, { max: 200, required: true });
  if (password !== null && confirm !== null && password !== confirm) input.add(`${field}Again`, 'passwords-differ');
  return password;
}
