package dev.emporium.gateway.routing;

/** What the router looks at in a request. Values are read lazily: most routes need few of them. */
public interface MatchInput {

  /** The host, already normalized by {@link HostPattern#normalize(String)}. */
  String host();

  /** The path, already normalized by {@link PathNormalizer}. */
  String path();

  /** The method name, upper case. */
  String method();

  /** The first value of a header, or null. */
  String header(String name);

  /** The first value of a query parameter, or null. */
  String queryParam(String name);
}
