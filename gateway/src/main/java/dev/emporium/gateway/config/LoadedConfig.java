package dev.emporium.gateway.config;

/**
 * A configuration as loaded, with where it came from, so later checks can name file and line.
 *
 * @param config the bound configuration
 * @param fileName the file name used in messages
 * @param sources line numbers of the fields
 */
public record LoadedConfig(GatewayConfig config, String fileName, SourceMap sources) {

  public ConfigProblem problem(String field, String message) {
    return new ConfigProblem(fileName, sources.lineOf(field), field, message);
  }
}
