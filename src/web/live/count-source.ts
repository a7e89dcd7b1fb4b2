import type { WebApp } from '../web-app.ts';
import type { CountSource } from './live-counts.ts';

/** countSourceOf reads live counts through the app's petition reader and hears of changes (this node's, and relayed) through its events. */
export function countSourceOf(app: WebApp): CountSource {
  return {
    find: (publicId) => app.reader.liveStatus(publicId),
    count: (rowId) => app.reader.count(rowId),
    onChange: (listener) => app.events.onChange(listener),
  };
}
