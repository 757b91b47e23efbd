package dev.emporium.gateway.upstream;

/**
 * A discovery setting that cannot be used. {@link #setting()} is the field's path inside the
 * cluster's {@code discovery} block (e.g. {@code settings.endpoints}), so that the configuration
 * error names the file's line of that field.
 */
public final class DiscoverySettingException extends IllegalArgumentException {

  private final String setting;

  public DiscoverySettingException(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  /** The setting {@code key} under the cluster's {@code discovery.settings}. */
  public static DiscoverySettingException ofSetting(String key, String message) {
    return new DiscoverySettingException("settings." + key, message);
  }

  public String setting() {
    return setting;
  }
}
