/** PetitionSummary is what a list of petitions shows of one petition. */
export interface PetitionSummary {
  publicId: string;
  title: string;
  addressee: string;
  language: string;
  goal: number | null;
  status: 'open' | 'closed';
  openedAt: number;
  signatures: number;
}

/** CatalogueOrder is how the public list is sorted: most signed open ones, newest open ones, or closed ones. */
export type CatalogueOrder = 'popular' | 'new' | 'closed';

/** catalogueOrders lists the orders, for readers of a query string. */
export const catalogueOrders: readonly CatalogueOrder[] = ['popular', 'new', 'closed'];

/** pageSize is how many petitions one page of the list shows. */
export const pageSize = 20;

/** CataloguePage is one page of the list, with what the person needs to move between pages. */
export interface CataloguePage {
  petitions: PetitionSummary[];
  total: number;
  page: number;
  pages: number;
}

/** searchKey folds a text for matching what people type: NFKC, lower case, ё as е, punctuation as spaces. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replaceAll('’', "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/** searchWords splits a typed query into the words every result must hold (at most eight, folded as searchKey folds). */
export function searchWords(query: string): string[] {
  return [...new Set(searchKey(query).split(' ').filter(Boolean))].slice(0, 8);
}

/** sortPetitions orders summaries for one tab: open ones by count or by age, or closed ones newest first. */
export function sortPetitions(all: readonly PetitionSummary[], order: CatalogueOrder): PetitionSummary[] {
  const newest = (a: PetitionSummary, b: PetitionSummary) =>
    b.openedAt - a.openedAt || (a.publicId < b.publicId ? -1 : 1);
  if (order === 'closed') return all.filter((p) => p.status === 'closed').sort(newest);
  const open = all.filter((p) => p.status === 'open');
  return order === 'new' ? open.sort(newest) : open.sort((a, b) => b.signatures - a.signatures || newest(a, b));
}

/** pickPage returns one page of a sorted list, keeping only petitions whose title or addressee holds every word. */
export function pickPage(
  sorted: readonly PetitionSummary[],
  keys: ReadonlyMap<string, string>,
  words: string[],
  page: number,
): CataloguePage {
  const found =
    words.length === 0
      ? sorted
      : sorted.filter((p) => {
          const key = keys.get(p.publicId) ?? '';
          return words.every((word) => key.includes(word));
        });
  const pages = Math.max(1, Math.ceil(found.length / pageSize));
  return { petitions: found.slice((page - 1) * pageSize, page * pageSize), total: found.length, page, pages };
}
