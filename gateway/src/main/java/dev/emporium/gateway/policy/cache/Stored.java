package dev.emporium.gateway.policy.cache;

/** What the in-memory cache holds: responses, and the vary records that lead to them. */
sealed interface Stored permits CachedResponse, VaryRecord {

  String route();

  String path();

  /** When it leaves the cache, epoch milliseconds. */
  long keepUntil();

  /** Its cost against {@code cache.maxSize}, in bytes. */
  int weight();
}
