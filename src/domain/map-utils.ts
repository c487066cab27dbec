/** The value under `key`, first storing `make()` there when there is none (Map.getOrInsertComputed, not yet in Node 20). */
export function getOrInsert<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}
