import { InputReader } from '../domain/input.ts';
import { readNewPassword } from './read-new-password.ts';

/** NewAccount is what a person gives when they accept an invitation or set the site up. */
export interface NewAccount {
  login: string;
  displayName: string;
  password: string;
}

/** readNewAccount reads the form that makes an account: a login, a display name and a new password twice. */
export function readNewAccount(raw: unknown, ignore: string[]): NewAccount {
  const input = new InputReader(raw);
  input.ignore(...ignore);
  const login = input.text('login', { max: 40, min: 3, required: true });
  if (login !== null && !/^[a-z0-9._-]+$/.test(login)) input.add('login', 'login-characters');
  const displayName = input.text('displayName', { max: 80, required: true });
  const password = readNewPassword(input, 'password');
  input.done();
  return { login: login!, displayName: displayName!, password: password! };
}
