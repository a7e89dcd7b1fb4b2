import type { Config } from '../config.ts';
import { loadSecrets } from '../crypto/secrets.ts';
import { openStore } from '../store/open-store.ts';
import { PetitionEvents } from '../actions/petition-events.ts';
import { recoverAccount } from '../actions/recover-account.ts';
import { VecheError } from '../domain/errors.ts';

/** runRecoverAccount prints a one-time password link for a locked-out account (see recoverAccount), or says why not. */
export async function runRecoverAccount(config: Config, login: string): Promise<number> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const ctx = { config, store, secrets: loadSecrets(config), events: new PetitionEvents(), now: () => Date.now() };
    const { token, expiresAt } = await recoverAccount(ctx, login);
    console.log(`The account "${login}" is switched on, its two-step sign-in is off and its sessions have ended.`);
    console.log(
      `Set a new password with this link (it works once, until ${new Date(expiresAt).toISOString()}):\n  ${config.publicUrl}/reset/${token}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof VecheError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
