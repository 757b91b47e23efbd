package dev.emporium.user;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The user service's own settings ({@code emporium.user.*}), checked at start-up.
 *
 * @param topic where user events are published
 * @param issuer the {@code iss} of every token, and the base of the discovery document's URLs
 *     (the address clients reach the gateway at)
 * @param audience the {@code aud} of every token: what the gateway expects
 * @param accessTokenTtl lifetime of an access token (the spec: 1 h)
 * @param refreshTokenTtl lifetime of each refresh token of a rotation family (the spec: 7 days)
 * @param userScopes the scopes of a signed-in user's tokens
 * @param userRoles the roles a new account gets
 * @param password how passwords are hashed
 * @param keys how signing keys are kept and rotated
 * @param clients service accounts for the {@code client_credentials} grant, by client id
 * @param webClients applications users sign in to with the {@code authorization_code} grant and
 *     PKCE, by client id
 * @param authorizationCodeTtl how long an authorization code may wait for its exchange
 */
@ConfigurationProperties("emporium.user")
public record UserProperties(
    @DefaultValue("user-events") String topic,
    @DefaultValue("http://localhost:8080") String issuer,
    @DefaultValue("emporium") String audience,
    @DefaultValue("1h") Duration accessTokenTtl,
    @DefaultValue("7d") Duration refreshTokenTtl,
    @DefaultValue({"openid", "profile"}) List<String> userScopes,
    @DefaultValue("customer") List<String> userRoles,
    @DefaultValue Password password,
    @DefaultValue Keys keys,
    @Nullable Map<String, Client> clients,
    @Nullable Map<String, WebClient> webClients,
    @DefaultValue("5m") Duration authorizationCodeTtl) {

  public UserProperties {
    require(!issuer.isBlank() && !issuer.endsWith("/"), "issuer must be an absolute URL without a trailing slash");
    require(!audience.isBlank(), "audience must not be blank");
    require(positive(accessTokenTtl), "access-token-ttl must be positive");
    require(positive(refreshTokenTtl), "refresh-token-ttl must be positive");
    userScopes = words(userScopes);
    userRoles = words(userRoles);
    clients = clients == null ? Map.of() : Map.copyOf(clients);
    clients.forEach((id, client) -> requireClientId(id));
    webClients = webClients == null ? Map.of() : Map.copyOf(webClients);
    webClients.forEach((id, client) -> requireClientId(id));
    List<String> clash = webClients.keySet().stream().filter(clients::containsKey).sorted().toList();
    require(clash.isEmpty(), "a client id names a service account and a web client at once: " + clash);
    require(authorizationCodeTtl.compareTo(Duration.ofSeconds(1)) >= 0
        && authorizationCodeTtl.compareTo(Duration.ofMinutes(10)) <= 0,
        "authorization-code-ttl must be between 1s and 10m (RFC 6749 4.1.2)");
  }

  /** The scopes a web client may ask for: its own list, or the scopes users' tokens carry when it names none. */
  public List<String> scopesOf(WebClient client) {
    return client.scopes().isEmpty() ? userScopes : client.scopes();
  }

  /**
   * Argon2id parameters for new hashes; a stored hash carries its own, so raising them later only
   * affects passwords set afterwards. The defaults are OWASP's minimum for Argon2id (19 MiB, 2
   * passes, 1 lane), about 30-60 ms per hash on a server core.
   *
   * @param memoryKib memory per hash in KiB
   * @param iterations passes over the memory
   * @param parallelism lanes
   * @param saltLength random salt per hash, in bytes
   * @param hashLength hash output, in bytes
   */
  public record Password(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
      @DefaultValue("1") int parallelism, @DefaultValue("16") int saltLength, @DefaultValue("32") int hashLength) {

    public Password {
      require(memoryKib >= 8 * parallelism, "password.memory-kib must be at least 8 x parallelism");
      require(iterations >= 1, "password.iterations must be at least 1");
      require(parallelism >= 1, "password.parallelism must be at least 1");
      require(saltLength >= 16, "password.salt-length must be at least 16 bytes");
      require(hashLength >= 16, "password.hash-length must be at least 16 bytes");
    }
  }

  /**
   * Signing keys. They live in the service's database so that every instance signs with the same
   * key and publishes the same set; private keys are encrypted there (AES-256-GCM) with
   * {@code encryptionKey}.
   *
   * @param encryptionKey base64 of 32 random bytes, from the environment
   *     ({@code EMPORIUM_USER_KEYS_ENCRYPTION_KEY}); when unset, each process makes one up, so that
   *     a restart (or another instance) cannot read the stored private keys and starts a new key:
   *     fine on a laptop, wrong for several instances
   * @param rotationPeriod how long one key signs before the next takes over
   * @param checkInterval how often an instance looks for a due rotation or a newer key
   * @param rsaBits RSA modulus size of new keys
   */
  public record Keys(@Nullable String encryptionKey, @DefaultValue("30d") Duration rotationPeriod,
      @DefaultValue("1m") Duration checkInterval, @DefaultValue("2048") int rsaBits) {

    public Keys {
      require(positive(rotationPeriod), "keys.rotation-period must be positive");
      require(positive(checkInterval), "keys.check-interval must be positive");
      require(rsaBits >= 2048, "keys.rsa-bits must be at least 2048");
      if (encryptionKey != null && encryptionKey.isBlank()) {
        encryptionKey = null;
      }
    }
  }

  /**
   * A service account.
   *
   * @param secretHash the Argon2id hash of its secret ({@code $argon2id$...}), never the secret
   * @param scopes the scopes it may ask for (all of them when it names none)
   * @param roles the roles its tokens carry
   */
  public record Client(String secretHash, @DefaultValue List<String> scopes, @DefaultValue List<String> roles) {

    public Client {
      require(secretHash != null && secretHash.startsWith("$argon2id$"),
          "a client's secret-hash must be an Argon2id hash ($argon2id$...), not a secret");
      scopes = words(scopes);
      roles = words(roles);
    }
  }

  /**
   * An application users sign in to through the browser ({@code authorization_code} with PKCE,
   * RFC 7636, S256 only). Public clients (single-page and native apps) have no secret; a
   * confidential client (a server-side web app) also authenticates at the token endpoint.
   *
   * @param redirectUris where codes may be sent, compared exactly, except that a loopback address
   *     ({@code http://127.0.0.1/...} or {@code http://[::1]/...}) accepts any port, as native
   *     apps listen on one the system picks (RFC 8252 §7.3)
   * @param scopes the scopes it may ask for (those of users' tokens when it names none)
   * @param secretHash for a confidential client, the Argon2id hash of its secret; none for a
   *     public client
   */
  public record WebClient(List<String> redirectUris, @DefaultValue List<String> scopes,
      @Nullable String secretHash) {

    public WebClient {
      require(redirectUris != null && !redirectUris.isEmpty(), "a web client needs at least one redirect-uris entry");
      redirectUris = List.copyOf(redirectUris);
      redirectUris.forEach(WebClient::requireRedirectUri);
      scopes = words(scopes);
      if (secretHash != null && secretHash.isBlank()) {
        secretHash = null;
      }
      require(secretHash == null || secretHash.startsWith("$argon2id$"),
          "a web client's secret-hash must be an Argon2id hash ($argon2id$...), not a secret");
    }

    /** Whether a code may be sent to this address. */
    public boolean allowsRedirectTo(String redirectUri) {
      if (redirectUris.contains(redirectUri)) {
        return true;
      }
      URI asked = parse(redirectUri);
      if (asked == null || !isLoopback(asked)) {
        return false;
      }
      return redirectUris.stream().map(URI::create).filter(WebClient::isLoopback)
          .anyMatch(registered -> sameExceptPort(registered, asked));
    }

    public boolean confidential() {
      return secretHash != null;
    }

    private static void requireRedirectUri(String uri) {
      URI parsed = parse(uri);
      require(parsed != null && parsed.isAbsolute() && parsed.getRawFragment() == null,
          "a redirect-uris entry must be an absolute URI without a fragment: " + uri);
    }

    private static boolean isLoopback(URI uri) {
      return "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()));
    }

    private static boolean sameExceptPort(URI registered, URI asked) {
      return registered.getHost().equals(asked.getHost()) && asked.getRawFragment() == null
          && Objects.equals(registered.getRawPath(), asked.getRawPath())
          && Objects.equals(registered.getRawQuery(), asked.getRawQuery()) && asked.getRawUserInfo() == null;
    }

    private static @Nullable URI parse(String uri) {
      try {
        return new URI(uri);
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }

  private static void requireClientId(String id) {
    require(id.matches("[A-Za-z0-9._-]{1,64}"), "client ids are 1 to 64 letters, digits, '.', '_' or '-': " + id);
  }

  /** Scope and role lists may be written OAuth's way (space-separated) as well as Spring's (commas). */
  private static List<String> words(List<String> items) {
    return items.stream().flatMap(item -> Arrays.stream(item.split("[\\s,]+"))).filter(w -> !w.isEmpty())
        .distinct().toList();
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("emporium.user." + message);
    }
  }
}
