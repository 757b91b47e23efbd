package dev.emporium.gateway;

import dev.emporium.gateway.config.ConfigProblem;
import java.util.List;

/**
 * What a reload did.
 *
 * @param applied whether the new configuration is now serving
 * @param version the serving configuration's version after the reload
 * @param problems why the file was refused, when it was
 * @param warnings changes that were not applied because they need a restart
 */
public record ReloadResult(boolean applied, long version, List<ConfigProblem> problems, List<String> warnings) {}
