package dev.emporium.gateway.policy.transform;

import dev.emporium.gateway.config.ByteSize;
import java.util.List;
import java.util.Map;

/**
 * Changes to a JSON response body, usually to keep sensitive fields from clients. The body is read
 * into memory (at most {@code maxBodySize}), changed and written back with a corrected
 * Content-Length.
 *
 * <p>Removal is a security filter, so a body that cannot be filtered is never passed on: when
 * {@code remove} is set, a body larger than {@code maxBodySize}, a body that is not valid JSON, one
 * with a Content-Encoding, or (unless {@code nonJson: pass}) one whose Content-Type is not JSON
 * makes the client get 502 {@code response-not-filterable} instead. With only {@code rename}, such
 * bodies pass unchanged.
 *
 * @param remove JSON paths removed: dotted ({@code items[*].internalCost}) or JSON pointers
 * @param rename JSON paths whose last member is renamed to the given name, in the same object
 * @param maxBodySize the largest body read; default 1MiB
 * @param nonJson {@code reject} (default) or {@code pass}: what to do with a body whose Content-Type
 *     is not JSON when {@code remove} is set
 */
public record JsonEdits(List<String> remove, Map<String, String> rename, ByteSize maxBodySize, String nonJson) {

  public static final ByteSize DEFAULT_MAX_BODY_SIZE = ByteSize.ofMebibytes(1);

  public JsonEdits {
    remove = remove == null ? List.of() : List.copyOf(remove);
    rename = HeaderEdits.ordered(rename);
    maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
    nonJson = nonJson == null ? "reject" : nonJson;
    if (!nonJson.equals("reject") && !nonJson.equals("pass")) {
      throw new IllegalArgumentException("response.json.nonJson: must be 'reject' or 'pass', is '" + nonJson + "'");
    }
    if (maxBodySize.bytes() < 1 || maxBodySize.bytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("response.json.maxBodySize: must be between 1 byte and 2GiB");
    }
    if (remove.isEmpty() && rename.isEmpty()) {
      throw new IllegalArgumentException("response.json: give remove or rename");
    }
    for (int i = 0; i < remove.size(); i++) {
      try {
        JsonFieldPath.parse(remove.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("response.json.remove[" + i + "]: " + e.getMessage());
      }
    }
    for (var e : rename.entrySet()) {
      JsonFieldPath path;
      try {
        path = JsonFieldPath.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("response.json.rename: " + ex.getMessage());
      }
      if (!path.endsInMember()) {
        throw new IllegalArgumentException("response.json.rename: '" + e.getKey() + "' must end in a field name");
      }
      String to = e.getValue();
      if (to == null || to.isEmpty()) {
        throw new IllegalArgumentException("response.json.rename." + e.getKey() + ": the new field name is required");
      }
    }
  }
}
