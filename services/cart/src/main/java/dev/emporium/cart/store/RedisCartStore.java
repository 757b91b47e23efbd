package dev.emporium.cart.store;

import dev.emporium.cart.cart.Cart;
import dev.emporium.cart.cart.CartStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Carts in Redis, one hash per cart ({@code <prefix><userId>}: version, lines, updatedAt) whose TTL is
 * the cart's expiry, so Redis itself drops carts nobody touched. A write is one Lua script that
 * compares the version and writes with the new TTL atomically.
 */
public class RedisCartStore implements CartStore {

  // KEYS[1] the cart; ARGV: expected version (0 = absent), lines, updatedAt ms, expiresAt ms.
  // Returns the new version, or -1 when the stored version is not the expected one.
  private static final String SAVE = """
      local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
      if current ~= tonumber(ARGV[1]) then return -1 end
      local next = current + 1
      redis.call('HSET', KEYS[1], 'v', next, 'lines', ARGV[2], 'updated', ARGV[3], 'expires', ARGV[4])
      redis.call('PEXPIREAT', KEYS[1], ARGV[4])
      return next
      """;

  private final RedisCommands<String, String> redis;
  private final String keyPrefix;
  private final CartLinesJson json;

  public RedisCartStore(StatefulRedisConnection<String, String> connection, String keyPrefix, CartLinesJson json) {
    this.redis = connection.sync();
    this.keyPrefix = keyPrefix;
    this.json = json;
  }

  @Override
  public Cart load(String userId) {
    String key = key(userId);
    // Redis never returns a key past its expiry, even before it evicts it.
    Map<String, String> hash = redis.hgetall(key);
    if (hash.isEmpty()) {
      return Cart.empty(userId);
    }
    return new Cart(userId, json.read(hash.get("lines")), Long.parseLong(hash.get("v")),
        Instant.ofEpochMilli(Long.parseLong(hash.get("updated"))),
        Instant.ofEpochMilli(Long.parseLong(hash.get("expires"))));
  }

  @Override
  public @Nullable Cart save(Cart cart) {
    Instant updatedAt = required(cart.updatedAt());
    Instant expiresAt = required(cart.expiresAt());
    Long version = redis.eval(SAVE, ScriptOutputType.INTEGER, new String[] {key(cart.userId())},
        Long.toString(cart.version()), json.write(cart.lines()), Long.toString(updatedAt.toEpochMilli()),
        Long.toString(expiresAt.toEpochMilli()));
    if (version == null || version < 0) {
      return null;
    }
    return new Cart(cart.userId(), cart.lines(), version, updatedAt, expiresAt);
  }

  @Override
  public void delete(String userId) {
    redis.del(key(userId));
  }

  @Override
  public void check() {
    redis.ping();
  }

  private String key(String userId) {
    return keyPrefix + userId;
  }

  private static Instant required(@Nullable Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("a cart is written with its updatedAt and expiresAt (Cart.touched)");
    }
    return instant;
  }
}
