import type { WebApp } from '../web-app.ts';
import type { CountSource } from './live-counts.ts';
import { findPetition } from '../../store/petitions.ts';

/** countSourceOf reads live counts from the app's store and hears of changes (this node's, and relayed) through its events. */
export function countSourceOf(app: WebApp): CountSource {
  return {
    async find(publicId) {
      const petition = await findPetition(app.store.db, publicId);
      if (!petition || petition.status === 'draft') return null;
      return { rowId: Number(petition.id), status: petition.status };
    },
    count: (rowId) => app.reader.count(rowId),
    onChange: (listener) => app.events.onChange(listener),
  };
}
