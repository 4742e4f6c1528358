/**
 * Lists the screen keeps of records it also reads again from the store.
 *
 * On a server, a change is announced to every browser in the meeting,
 * including the one that made it, and the screen reads its lists again; that
 * reading can arrive before the answer to the change itself. Adding the
 * answer's record to a list that already holds it would show it twice (and
 * Svelte refuses a keyed list with one key twice), so a record is put in by
 * its id: replaced where it is, or added at the end.
 */
export function withRecord<T extends { id: string }>(list: T[], record: T): T[] {
  return list.some((x) => x.id === record.id) ? list.map((x) => (x.id === record.id ? record : x)) : [...list, record];
}
