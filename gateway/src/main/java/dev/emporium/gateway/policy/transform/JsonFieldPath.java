package dev.emporium.gateway.policy.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A place in a JSON document, written either as a JSON pointer (RFC 6901, {@code /supplier/apiKey},
 * {@code /items/0/cost}) or as a dotted path with array steps and wildcards ({@code
 * items[*].internalCost}, {@code customer.email}, {@code [*].secret}, {@code *.secret}). A path
 * may match many places (wildcards) or none; either is fine.
 */
final class JsonFieldPath {

  /** One step: a member name, an array index, any element, any member, or a pointer token. */
  private sealed interface Step permits Member, Index, AnyElement, AnyMember, Token {}

  private record Member(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record AnyElement() implements Step {}

  private record AnyMember() implements Step {}

  /** A JSON pointer token: a member name in an object, an index in an array when it is a number. */
  private record Token(String text) implements Step {}

  private final String source;
  private final List<Step> steps;

  private JsonFieldPath(String source, List<Step> steps) {
    this.source = source;
    this.steps = steps;
  }

  static JsonFieldPath parse(String path) {
    if (path == null || path.isEmpty()) throw new IllegalArgumentException("a JSON path cannot be empty");
    List<Step> steps = path.startsWith("/") ? pointer(path) : dotted(path);
    if (steps.isEmpty()) throw new IllegalArgumentException("'" + path + "' names the whole document, not a field");
    return new JsonFieldPath(path, List.copyOf(steps));
  }

  private static List<Step> pointer(String path) {
    List<Step> steps = new ArrayList<>();
    for (String raw : path.substring(1).split("/", -1)) {
      steps.add(new Token(raw.replace("~1", "/").replace("~0", "~")));
    }
    return steps;
  }

  private static List<Step> dotted(String path) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = path.length();
    boolean expectName = true;
    while (i < n) {
      char c = path.charAt(i);
      if (c == '[') {
        int end = path.indexOf(']', i);
        if (end < 0) throw bad(path, "a '[' without ']'");
        String inside = path.substring(i + 1, end);
        if (inside.equals("*")) {
          steps.add(new AnyElement());
        } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit) && inside.length() <= 9) {
          steps.add(new Index(Integer.parseInt(inside)));
        } else {
          throw bad(path, "'[" + inside + "]' is neither [*] nor an index");
        }
        i = end + 1;
        expectName = false;
      } else if (c == '.') {
        if (expectName || i + 1 >= n) throw bad(path, "an empty field name");
        expectName = true;
        i++;
      } else {
        if (!expectName) throw bad(path, "a field name must follow a '.'");
        int end = i;
        while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
          if (path.charAt(end) == ']') throw bad(path, "a ']' without '['");
          end++;
        }
        String name = path.substring(i, end);
        steps.add(name.equals("*") ? new AnyMember() : new Member(name));
        i = end;
        expectName = false;
      }
    }
    if (expectName) throw bad(path, "an empty field name");
    return steps;
  }

  private static IllegalArgumentException bad(String path, String why) {
    return new IllegalArgumentException("'" + path + "' is not a JSON path: " + why
        + "; write e.g. items[*].internalCost or a JSON pointer such as /items/0/internalCost");
  }

  /** Whether the last step names an object member, so that it can be renamed. */
  boolean endsInMember() {
    Step last = steps.getLast();
    return last instanceof Member || (last instanceof Token t && !isIndex(t.text()));
  }

  /** Removes every place the path matches; returns how many. */
  int remove(JsonNode root) {
    int[] count = {0};
    visitParents(root, 0, (parent, last) -> count[0] += removeAt(parent, last));
    return count[0];
  }

  /** Renames the member at every place the path matches to {@code newName}; returns how many. */
  int rename(JsonNode root, String newName) {
    int[] count = {0};
    visitParents(root, 0, (parent, last) -> {
      String name = last instanceof Member m ? m.name() : last instanceof Token t ? t.text() : null;
      if (name != null && parent instanceof ObjectNode object && object.has(name) && !name.equals(newName)) {
        object.set(newName, object.remove(name));
        count[0]++;
      }
    });
    return count[0];
  }

  private interface ParentVisitor {
    void visit(JsonNode parent, Step last);
  }

  private void visitParents(JsonNode node, int at, ParentVisitor visitor) {
    if (node == null) return;
    Step step = steps.get(at);
    if (at == steps.size() - 1) {
      visitor.visit(node, step);
      return;
    }
    for (JsonNode child : children(node, step)) visitParents(child, at + 1, visitor);
  }

  private static List<JsonNode> children(JsonNode node, Step step) {
    List<JsonNode> out = new ArrayList<>();
    switch (step) {
      case Member m -> {
        if (node.isObject() && node.has(m.name())) out.add(node.get(m.name()));
      }
      case Index ix -> {
        if (node.isArray() && ix.index() < node.size()) out.add(node.get(ix.index()));
      }
      case AnyElement a -> {
        if (node.isArray()) node.forEach(out::add);
      }
      case AnyMember a -> {
        if (node.isObject()) node.forEach(out::add);
      }
      case Token t -> {
        if (node.isObject() && node.has(t.text())) {
          out.add(node.get(t.text()));
        } else if (node.isArray() && isIndex(t.text()) && Integer.parseInt(t.text()) < node.size()) {
          out.add(node.get(Integer.parseInt(t.text())));
        }
      }
    }
    return out;
  }

  private static int removeAt(JsonNode parent, Step last) {
    switch (last) {
      case Member m -> {
        return parent instanceof ObjectNode o && o.remove(m.name()) != null ? 1 : 0;
      }
      case Index ix -> {
        return parent instanceof ArrayNode a && ix.index() < a.size() && a.remove(ix.index()) != null ? 1 : 0;
      }
      case AnyElement any -> {
        if (!(parent instanceof ArrayNode a)) return 0;
        int size = a.size();
        a.removeAll();
        return size;
      }
      case AnyMember any -> {
        if (!(parent instanceof ObjectNode o)) return 0;
        int size = o.size();
        o.removeAll();
        return size;
      }
      case Token t -> {
        if (parent instanceof ObjectNode o) return o.remove(t.text()) != null ? 1 : 0;
        if (parent instanceof ArrayNode a && isIndex(t.text()) && Integer.parseInt(t.text()) < a.size()) {
          a.remove(Integer.parseInt(t.text()));
          return 1;
        }
        return 0;
      }
    }
  }

  private static boolean isIndex(String text) {
    if (text.isEmpty() || text.length() > 9) return false;
    if (text.length() > 1 && text.charAt(0) == '0') return false;
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return source;
  }
}
